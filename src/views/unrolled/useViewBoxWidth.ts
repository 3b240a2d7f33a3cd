/** The unrolled diagram's viewBox width, following its container's width. */
import { useEffect, useState, type RefObject } from 'react';
import { fittingViewBoxWidth, VIEWBOX_WIDTH } from './unrolledLayout';

/** The viewBox width for the element's current width: VIEWBOX_WIDTH, or less on a narrow panel. */
export function useViewBoxWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(VIEWBOX_WIDTH);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setWidth(fittingViewBoxWidth(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
