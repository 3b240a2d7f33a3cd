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

/** The bottom of the part of the window the lesson card does not cover (a phone's card sits at the bottom). */
function uncoveredBottom(): number {
  const card = document.querySelector('.lesson-card');
  return card && getComputedStyle(card).position === 'fixed' ? card.getBoundingClientRect().top : window.innerHeight;
}

/** Whether the element's top (120 px of it) is in the part of the window the lesson card does not cover. */
function inSight(element: Element): boolean {
  const { top } = element.getBoundingClientRect();
  return top >= 0 && top <= uncoveredBottom() - 120;
}

/** What must show of a pointed view: its first chart (the part that reacts; a panel's form and text come above it), else the view. */
function chartOf(element: Element): Element {
  return element.matches('svg[role="img"]') ? element : (element.querySelector('svg[role="img"]') ?? element);
}

/**
 * Scrolls the element's top into the part of the window the lesson card does not cover, and further, as far as
 * its top allows, until its first chart's top shows there too (a panel's text and form can fill a phone's space).
 */
function bringIntoSight(element: Element, smooth = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches): void {
  const { top } = element.getBoundingClientRect();
  let by = inSight(element) ? 0 : top - 48;
  const chartBelow = chartOf(element).getBoundingClientRect().top - by - (uncoveredBottom() - 140);
  if (chartBelow > 0) by = Math.max(by, Math.min(by + chartBelow, top - 8));
  if (by !== 0) window.scrollBy({ top: by, behavior: smooth ? 'smooth' : 'auto' });
}

/**
 * Keeps the pointed view's chart in sight while the page's layout changes under it: a banner appearing above it
 * (lesson 5's divergence), the phone's card growing over it, a chart appearing in it (the Compare panel's, once the
 * comparison runs). Only while it was in sight before the change, so that a learner who scrolled away on purpose
 * is left where they went. Returns the stop.
 */
function keepInSight(element: Element): () => void {
  let wasInSight = inSight(chartOf(element));
  const onScroll = () => {
    wasInSight = inSight(chartOf(element));
  };
  const observer = new ResizeObserver(() => {
    const chart = chartOf(element);
    if (wasInSight && !inSight(chart)) {
      // as little as brings the chart's top back: what pushed it down (a banner) stays in sight above it where it fits
      const { top } = chart.getBoundingClientRect();
      const below = top - (uncoveredBottom() - 140);
      window.scrollBy({ top: top < 0 ? top - 48 : Math.min(below, top - 48), behavior: 'auto' });
    }
    wasInSight = inSight(chartOf(element));
  });
  for (const block of document.querySelectorAll('.main, .lesson-card')) observer.observe(block);
  window.addEventListener('scroll', onScroll, { passive: true });
  return () => {
    observer.disconnect();
    window.removeEventListener('scroll', onScroll);
  };
}

/** Points at `target` while the component is shown with this `key` (the lesson and part). */
export function useLessonPointer(target: Target | undefined, key: string): void {
  useEffect(() => {
    if (!target) return;
    let element: Element | null = null;
    let stopKeeping = () => {};
    const mark = (): boolean => {
      element = findTarget(target);
      if (!element || element.closest('[hidden]')) return false;
      element.setAttribute('data-lesson-pointed', '');
      bringIntoSight(element);
      stopKeeping = keepInSight(element);
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
      stopKeeping();
      (element as Element | null)?.removeAttribute('data-lesson-pointed');
    };
    // the key names the part: a new part points anew
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}
