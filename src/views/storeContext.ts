/** Hands the app store to components. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from '../state/store';

/** The store of the page (a fresh one per test). */
export const StoreContext = createContext<AppStore | null>(null);

/** Subscribes a component to the narrowest slice it needs. */
export function useAppState<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppState outside StoreContext');
  return useStore(store, selector);
}
