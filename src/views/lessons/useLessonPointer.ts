/**
 * Outlines the element a lesson part talks about: it gets a `data-lesson-pointed` attribute (lessons.css draws
 * the outline and its pulse), so the outline is part of the element and follows it when the page scrolls or
 * its layout changes. The element is found by its `data-lesson-target` name or by the start of its accessible
 * name, retried for a few seconds while the view is still being built, and scrolled into sight when it is not.
 */
import { useEffect } from 'react';
import type { Target } from '../../lessons/types';

/** The element a target names, if it is on the page. */
export function findTarget(target: Target): Element | null {
  if ('lessonTarget' in target) return document.querySelector(`[data-lesson-target="${CSS.escape(target.lessonTarget)}"]`);
  const labelled = Array.from(document.querySelectorAll('[aria-label]')).find((e) => e.getAttribute('aria-label')!.startsWith(target.label));
  return labelled ?? Array.from(document.querySelectorAll('button, h2, h3, legend, label')).find((e) => e.textContent?.trim() === target.label) ?? null;
}

/** Scrolls the element's top into the part of the window the lesson card does not cover (a phone's card sits at the bottom). */
function bringIntoSight(element: Element): void {
  const card = document.querySelector('.lesson-card');
  const cardCovers = card && getComputedStyle(card).position === 'fixed';
  const bottom = cardCovers ? card.getBoundingClientRect().top : window.innerHeight;
  const { top } = element.getBoundingClientRect();
  if (top >= 0 && top <= bottom - 120) return;
  const smooth = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  window.scrollBy({ top: top - 48, behavior: smooth ? 'smooth' : 'auto' });
}

/** Points at `target` while the component is shown with this `key` (the lesson and part). */
export function useLessonPointer(target: Target | undefined, key: string): void {
  useEffect(() => {
    if (!target) return;
    let element: Element | null = null;
    const mark = (): boolean => {
      element = findTarget(target);
      if (!element || element.closest('[hidden]')) return false;
      element.setAttribute('data-lesson-pointed', '');
      bringIntoSight(element);
      return true;
    };
    let tries = 0;
    const timer = mark()
      ? undefined
      : setInterval(() => {
          if (mark() || ++tries > 40) clearInterval(timer);
        }, 250);
    return () => {
      clearInterval(timer);
      (element as Element | null)?.removeAttribute('data-lesson-pointed');
    };
    // the key names the part: a new part points anew
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}
