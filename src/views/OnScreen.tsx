/**
 * Views that stand still while they are off screen. While a run trains, a page of charts redrawn 30 times a
 * second kept Chromium's main thread ~80% busy here (React, d3, then style, layout and paint); most of the
 * page is below the fold. A block wrapped in <OnScreen> tells the heavy views inside it (through
 * useDeferredAppState) whether it is on or near the screen; off it, they keep the frame they last drew until
 * they come back into view (or training stops, when every view catches up).
 */
import { createContext, useEffect, useRef, useState, type ReactNode } from 'react';

/** Whether the enclosing block is on or near the screen (true outside any <OnScreen>). */
export const OnScreenContext = createContext(true);

/** How far off screen a block still counts as on it, so that it is drawn before it scrolls in. */
const MARGIN = '300px 0px';

type Listener = (onScreen: boolean) => void;
const listeners = new Map<Element, Listener>();
let observer: IntersectionObserver | undefined;

/** One observer for all blocks. */
function observe(element: Element, listener: Listener): () => void {
  if (typeof IntersectionObserver === 'undefined') return () => {};
  observer ??= new IntersectionObserver((entries) => entries.forEach((entry) => listeners.get(entry.target)?.(entry.isIntersecting)), { rootMargin: MARGIN });
  listeners.set(element, listener);
  observer.observe(element);
  return () => {
    listeners.delete(element);
    observer?.unobserve(element);
  };
}

/** A block (a div with the given class) whose views update only while it is on or near the screen. */
export function OnScreen({ className, children }: { className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [onScreen, setOnScreen] = useState(true);
  useEffect(() => observe(ref.current!, setOnScreen), []);
  return (
    <div ref={ref} className={className}>
      <OnScreenContext.Provider value={onScreen}>{children}</OnScreenContext.Provider>
    </div>
  );
}
