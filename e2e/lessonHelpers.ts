/** What the lesson specs share: the card's heading, Next / Back, whether something is on screen, photographs. */
import { expect, test, type Locator, type Page } from '@playwright/test';
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

/**
 * Sets the card's Speed to full speed, as a learner who has watched enough slow motion may (the long lessons open
 * at 20 steps/s). The walks use it where the lesson's claim holds over a range of steps, so that the few steps a
 * full-speed run makes past its goal before Pause lands change nothing the walk reads.
 */
export async function fullSpeed(page: Page): Promise<void> {
  await page.getByLabel('Speed', { exact: true }).selectOption('full');
}

/** Trains from the card's Train button past step 200 (at full speed when asked), watching the accuracy chart, and pauses. */
export async function trainPast200(page: Page, { atFullSpeed = false } = {}): Promise<void> {
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect.poll(() => onScreen(page, train)).toBe(true);
  if (atFullSpeed) await fullSpeed(page);
  await train.click();
  await expect.poll(() => currentStep(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(200);
  await expect.poll(() => onScreen(page, accuracyChart(page), true)).toBe(true);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(done(page)).toBeVisible();
}

/** The two screens every lesson is walked on (issue #15): a laptop and a phone. */
export const LESSON_SIZES = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/**
 * Registers the walk `title` once per screen of LESSON_SIZES (as "on a laptop (1280 × 800) › title"), each on a
 * fresh page whose uncaught errors fail it.
 */
export function walkOnEachSize(title: string, timeoutMs: number, walk: (page: Page) => Promise<void>): void {
  for (const size of LESSON_SIZES) {
    test.describe(`on a ${size.name} (${size.width} × ${size.height})`, () => {
      test.use({ viewport: { width: size.width, height: size.height } });
      test(title, async ({ page }) => {
        test.setTimeout(timeoutMs);
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await walk(page);
        expect(errors).toEqual([]);
      });
    });
  }
}
