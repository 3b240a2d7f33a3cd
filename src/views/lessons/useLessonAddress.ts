/**
 * The lesson place in the address: on first load the page opens the place `?lesson=N&part=K` names (a
 * tampered value falls back with a link notice), and afterwards every move, and every settings change (which
 * rewrites the query string), puts `lesson` and `part` back in, without a new history entry.
 */
import { useContext, useEffect } from 'react';
import type { AppStore } from '../../state/appState';
import { withLessonPlace } from '../../state/lessonPlace';
import { StoreContext } from '../storeContext';

/** Stores that have read their link already (React runs effects twice in development). */
const opened = new WeakSet<AppStore>();

/** Opens the link's lesson once, then mirrors the place into the address. */
export function useLessonAddress(): void {
  const store = useContext(StoreContext);
  useEffect(() => {
    if (!store) return;
    if (!opened.has(store)) {
      opened.add(store);
      void store.getState().openLessonFromLink(window.location.search);
    }
    let scheduled = false;
    const mirror = () => {
      scheduled = false;
      const { pathname, search, hash } = window.location;
      const next = withLessonPlace(search, store.getState().lessonPlace);
      if (next !== search) window.history.replaceState(null, '', `${pathname}${next}${hash}`);
    };
    return store.subscribe((state, previous) => {
      if (state.lessonPlace === previous.lessonPlace && state.config === previous.config && state.preset === previous.preset) return;
      // after the page has written the new settings into the address (it does so right after the change)
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(mirror);
      }
    });
  }, [store]);
}
