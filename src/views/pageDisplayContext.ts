/** Hands the teacher's link flags (state/pageDisplay.ts: hidden settings, the embedded page) to components. */
import { createContext, useContext } from 'react';
import { FULL_PAGE, type PageDisplay } from '../state/pageDisplay';

export const PageDisplayContext = createContext<PageDisplay>(FULL_PAGE);

/** The page display the link asked for (the full page when none). */
export function usePageDisplay(): PageDisplay {
  return useContext(PageDisplayContext);
}
