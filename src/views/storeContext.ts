/** Hands the app store to components. */
import { createContext, useContext, useDeferredValue, useRef } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { AppState, AppStore } from '../state/store';
import { OnScreenContext } from './OnScreen';

/** The store of the page (a fresh one per test). */
export const StoreContext = createContext<AppStore | null>(null);

/** Subscribes a component to the narrowest slice it needs. */
export function useAppState<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppState outside StoreContext');
  return useStore(store, selector);
}

/**
 * As useAppState, for the heavy views (charts, heatmaps, the unrolled diagram): React may render the new value
 * a moment later, in interruptible pieces, so that the status line and the controls stay responsive and no
 * main-thread task runs past 50 ms when a run's first frame fills every chart at once. Select everything that
 * must agree (a frame's arrays and the run and settings they were made for) in one object: its fields are
 * deferred together (shallow-compared, so an unchanged selection keeps its identity).
 *
 * While a run trains and the view's block is off screen (see OnScreen), the selection stays as it was, so the
 * view does not render at all; it catches up when it comes into view or training stops.
 */
export function useDeferredAppState<T>(selector: (state: AppState) => T): T {
  const onScreen = useContext(OnScreenContext);
  const training = useAppState((s) => s.status === 'running');
  const held = useRef<{ value: T } | undefined>(undefined);
  const live = onScreen || !training || held.current === undefined;
  const value = useAppState(useShallow((s) => (live ? selector(s) : held.current!.value)));
  held.current = { value };
  return useDeferredValue(value);
}
