/** Hands the app store to components. */
import { createContext, startTransition, useContext, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { shallow } from 'zustand/shallow';
import { useShallow } from 'zustand/react/shallow';
import type { AppState, AppStore } from '../state/appState';
import { OnScreenContext } from './OnScreen';

/** The store of the page (a fresh one per test). */
export const StoreContext = createContext<AppStore | null>(null);

/** Subscribes a component to the narrowest slice it needs. */
export function useAppState<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppState outside StoreContext');
  return useStore(store, selector);
}

/** Several fields at once, as one object: the component renders again only when one of them changes. */
export function useAppFields<T extends object>(selector: (state: AppState) => T): T {
  return useAppState(useShallow(selector));
}

/**
 * As useAppState, for the heavy views (charts, heatmaps, the unrolled diagram). The view subscribes itself and
 * takes each new selection in a transition: React renders all the views of a frame in one interruptible pass
 * (it yields to the browser every few milliseconds), so that the status line and the controls stay responsive
 * and no main-thread task runs past 50 ms, even when a run's first frame fills every chart at once. (A view on
 * useDeferredValue instead rendered twice a frame, once with its old value; this halves that work.) Select
 * everything that must agree (a frame's arrays and the run and settings they were made for) in one object: its
 * fields are taken together (shallow-compared, so an unchanged selection keeps its identity).
 *
 * While a run trains and the view's block is off screen (see OnScreen), the selection stays as it was, so the
 * view does not render at all; it catches up when it comes into view or training stops.
 */
export function useDeferredAppState<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useDeferredAppState outside StoreContext');
  const onScreen = useContext(OnScreenContext);
  const [value, setValue] = useState(() => selector(store.getState()));
  // the latest selector (views pass a new closure each render)
  const latest = useRef(selector);
  useLayoutEffect(() => {
    latest.current = selector;
  });
  useEffect(() => {
    const update = () => {
      const state = store.getState();
      if (!onScreen && state.status === 'running') return;
      const next = latest.current(state);
      startTransition(() => setValue((previous) => (shallow(previous, next) ? previous : next)));
    };
    update();
    return store.subscribe(update);
  }, [store, onScreen]);
  return value;
}
