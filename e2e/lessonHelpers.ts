/** What the lesson specs share: the card's heading, Next / Back, whether something is on screen, photographs. */
import { expect, type Locator, type Page } from '@playwright/test';
import { currentStep } from './helpers';

/** The card's part heading. */
export function partTitle(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Lesson' }).getByRole('heading', { level: 2 });
}

/**
 * A function that photographs the screen as the learner sees it into LESSON_SHOTS (for looking at, not for
 * comparing), named `<width>-<prefix><name>.png`; it does nothing when LESSON_SHOTS is not set.
 */
export function shooter(prefix: string): (page: Page, name: string) => Promise<void> {
  return async (page, name) => {
    const dir = process.env.LESSON_SHOTS;
    if (!dir) return;
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${dir}/${page.viewportSize()!.width}-${prefix}${name}.png` });
  };
}

/**
 * Whether an element can be seen without scrolling: inside the window and, for a view, not under a phone's
 * lesson card (a sheet at the foot of the screen). A tall view counts when its top 120 px can be seen.
 */
export async function onScreen(page: Page, locator: Locator, view = false): Promise<boolean> {
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize()!;
  const card = await page.getByRole('complementary', { name: 'Lesson' }).boundingBox();
  const bottom = view && card && card.width >= width - 1 ? Math.min(height, card.y) : height;
  return !!box && box.y >= 0 && box.x >= 0 && box.y + Math.min(box.height, 120) <= bottom && box.x + box.width <= width + 1;
}

/** On to the next part. */
export async function next(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Next', exact: true }).click();
}

/** Back one part, to the part with this title. */
export async function back(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(partTitle(page)).toHaveText(title);
}

/** The line an experiment shows once the learner has done it. */
export const done = (page: Page): Locator => page.getByText('Done: press Next to see what happened.');

/** The held-out accuracy chart (classification tasks). */
export const accuracyChart = (page: Page): Locator => page.getByRole('img', { name: /^Held-out accuracy/ });

/** Trains from the card's Train button past step 200, watching the accuracy chart, and pauses. */
export async function trainPast200(page: Page): Promise<void> {
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect.poll(() => onScreen(page, train)).toBe(true);
  await train.click();
  await expect.poll(() => currentStep(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(200);
  await expect.poll(() => onScreen(page, accuracyChart(page), true)).toBe(true);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(done(page)).toBeVisible();
}
