/**
 * The shape of the app store: the slices it is made of (one file each), the store type, and what the page hands
 * the store when it creates it. Views read this state through selectors and never set it: the slices' actions
 * (and the trainer session they share, trainerSession.ts) change it.
 */
import type { StateCreator, StoreApi } from 'zustand/vanilla';
import type { BackendName } from '../shared/protocol';
import type { TrainConfig } from '../shared/config';
import type { Speed } from '../shared/speed';
import type { ConfigSlice } from './configSlice';
import type { HoverSlice } from './hoverSlice';
import type { LessonStorage } from './lessonPlace';
import type { LessonSlice } from './lessonSlice';
import type { ModelFileSlice } from './modelFileSlice';
import type { ModelLinkSlice } from './modelLinkSlice';
import type { OwnDataSlice } from './ownDataSlice';
import type { RunSlice } from './runSlice';
import type { Persistence, SavedRunsSlice } from './savedRunsSlice';
import type { TelemetrySlice } from './telemetrySlice';
import type { TryItSlice } from './tryItSlice';
import type { WhatIfSlice } from './whatIfSlice';

/** The whole state: every slice side by side. */
export type AppState = ConfigSlice & RunSlice & TelemetrySlice & SavedRunsSlice & ModelFileSlice & ModelLinkSlice & OwnDataSlice & TryItSlice & HoverSlice & LessonSlice & WhatIfSlice;

/** The store type. */
export type AppStore = StoreApi<AppState>;

/** One slice of the store: a zustand StateCreator that sees the whole state and returns its own part. */
export type AppSlice<Slice> = StateCreator<AppState, [], [], Slice>;

/** Where the page starts, and the page's services the store uses. */
export interface StoreOptions {
  config: TrainConfig;
  preset?: string;
  /** Values of the page's link that were refused (each fell back to its default). */
  notices?: string[];
  /** The backend to ask the trainer for (the link's `backend`); 'auto' picks the fastest. */
  backend?: BackendName | 'auto';
  /** Called with the config and preset after every change (the page mirrors them in its address). */
  onConfigChange?: (config: TrainConfig, preset: string | undefined) => void;
  /** The training speed to start at (the link's `speed`). */
  speed?: Speed;
  /** Called after every change of the speed (the page mirrors it in its address). */
  onSpeedChange?: (speed: Speed) => void;
  /** Where runs are saved (IndexedDB in the page; absent in tests that do not need it). */
  persistence?: Persistence;
  /** How long a training run goes between autosaves, in ms (5000 when absent). */
  autosaveMs?: number;
  /** Where lesson progress is kept (the browser's localStorage when absent and available). */
  lessonStorage?: LessonStorage;
  /** Reads a file the app ships (a path under public/); the page fetches it from its own origin. */
  fetchShipped?: (path: string) => Promise<Blob>;
}
