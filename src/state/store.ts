/**
 * The app's store (zustand), made of slices, one file each: the config the learner chose, the run, the
 * telemetry the views draw, saved runs, the model as a file, the learner's own data, "try it", and the gate
 * the pointer is on. Actions talk to the trainer worker through one TrainerSession; views only read the store.
 */
import { createStore } from 'zustand/vanilla';
import { defaultConfig } from '../shared/config';
import type { AppState, AppStore, StoreOptions } from './appState';
import { createConfigSlice } from './configSlice';
import { createHoverSlice } from './hoverSlice';
import { createLessonSlice } from './lessonSlice';
import { createModelFileSlice } from './modelFileSlice';
import { createModelLinkSlice } from './modelLinkSlice';
import { createOwnDataSlice } from './ownDataSlice';
import { createRunSlice } from './runSlice';
import { createSavedRunsSlice } from './savedRunsSlice';
import { createTelemetrySlice } from './telemetrySlice';
import { TrainerSession } from './trainerSession';
import { createTryItSlice } from './tryItSlice';
import { createWhatIfSlice } from './whatIfSlice';
import type { TrainerWorker } from './workerClient';

/** The store's types, for readers that know only the store. */
export type { AppState, AppStore, StoreOptions } from './appState';
export type { GateHover } from './hoverSlice';
export type { RunStatus } from './runSlice';
export type { Persistence } from './savedRunsSlice';

/** Creates the store around a worker factory (a fake one in tests); `dispose()` tears it down. */
export function createAppStore(connect: () => TrainerWorker, options: StoreOptions = { config: defaultConfig() }): AppStore {
  return createStore<AppState>()((set, get, store) => {
    const session = new TrainerSession(connect, store);
    const slice = [set, get, store] as const;
    return {
      ...createConfigSlice(session, options)(...slice),
      ...createRunSlice(session, options)(...slice),
      ...createTelemetrySlice(...slice),
      ...createSavedRunsSlice(session, options)(...slice),
      ...createModelFileSlice(session, options)(...slice),
      ...createModelLinkSlice(session, options)(...slice),
      ...createOwnDataSlice(session)(...slice),
      ...createTryItSlice(session)(...slice),
      ...createHoverSlice(...slice),
      ...createLessonSlice(session, options)(...slice),
      ...createWhatIfSlice(session)(...slice),
    };
  });
}
