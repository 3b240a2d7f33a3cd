/**
 * Two journeys: on a phone (390 × 844) the learner sees one Train at the top of the page (the mini bar waits until
 * the settings' run buttons scroll away), trains from the mini bar while the page is scrolled to a view far below,
 * and opens the folded settings by keyboard; and on any screen, slow motion trains about one step a second at
 * speed 1, and a new speed applies without restarting the run.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { currentStep } from './helpers';

/** "Step N" in a piece of the page (the mini bar); −1 when it shows none. */
async function stepIn(locator: Locator): Promise<number> {
  const match = /Step (\d+)/.exec((await locator.textContent()) ?? '');
  return match ? Number(match[1]) : -1;
}

const scrollY = (page: Page) => page.evaluate(() => window.scrollY);

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('the mini bar trains and shows the loss while the page is scrolled far down; the settings unfold by keyboard', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/?backend=wasm');
    await expect(page.getByRole('status')).toContainText('ready');
    const bar = page.getByRole('region', { name: 'Run', exact: true });

    // At the top of the page the run buttons are on screen: one Train, and no bar at the foot saying it again.
    const train = page.getByRole('button', { name: 'Train', exact: true });
    await expect(train).toHaveCount(1);
    await expect(train).toBeInViewport();
    await expect(bar).toBeHidden();

    // The settings start folded: the run buttons and the views come first.
    const settings = page.getByRole('button', { name: 'Settings' });
    await expect(settings).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByLabel('Cell', { exact: true })).toBeHidden();
    await settings.focus();
    await page.keyboard.press('Enter');
    await expect(settings).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByLabel('Cell', { exact: true })).toBeVisible();
    // Tab goes on into the settings just unfolded
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Preset')).toBeFocused();
    await settings.focus();
    await page.keyboard.press('Space');
    await expect(settings).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByLabel('Cell', { exact: true })).toBeHidden();

    // Scroll to a view far below, then train from the bar at the foot of the screen.
    await page.getByRole('heading', { name: 'Where the hidden state travels' }).scrollIntoViewIfNeeded();
    const scrolledTo = await scrollY(page);
    expect(scrolledTo).toBeGreaterThan(1500);
    await expect(bar).toBeInViewport();
    const sparkline = bar.getByRole('img', { name: /^Loss/ });
    await expect(sparkline).toHaveAccessibleName('Loss: no steps yet');
    await expect(bar).toContainText('Step 0');
    await bar.getByRole('button', { name: 'Train' }).click();
    await expect.poll(() => stepIn(bar), { timeout: 30_000 }).toBeGreaterThan(20);
    await expect(sparkline).toHaveAccessibleName(/^Loss over \d+ steps: from [\d.e+-]+ to [\d.e+-]+$/);
    await expect(bar).toBeInViewport();
    await bar.getByRole('button', { name: 'Pause' }).click();
    await expect(bar).toContainText('paused');
    await expect(bar.getByRole('button', { name: 'Train' })).toBeEnabled();
    // the page stayed down where the learner scrolled it (the views above grow as they fill, so not to the pixel)
    expect(await scrollY(page)).toBeGreaterThanOrEqual(scrolledTo);

    // Back at the top the settings' Train is there again, and the bar goes.
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect(bar).toBeHidden();
    await expect(train).toHaveCount(1);
    await expect(train).toBeInViewport();
    expect(errors).toEqual([]);
  });
});

test('Speed: at 1 step/s the step counter advances about one a second, and full speed goes on from there', async ({ page }) => {
  await page.goto('/?backend=wasm&speed=1');
  const status = page.getByRole('status');
  const speed = page.getByLabel('Speed');
  await expect(speed).toHaveValue('1');
  await expect(status).toContainText('slow motion 1 step/s');
  // the bar belongs to small screens
  await expect(page.getByRole('region', { name: 'Run', exact: true })).toBeHidden();

  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  const from = await currentStep(page);
  await page.waitForTimeout(5000);
  const advanced = (await currentStep(page)) - from;
  // five seconds at 1 step/s (the status line refreshes twice a second)
  expect(advanced).toBeGreaterThanOrEqual(4);
  expect(advanced).toBeLessThanOrEqual(6);

  // By keyboard, to 5 steps/s: the same run goes on, faster, and the address follows.
  await speed.focus();
  await page.keyboard.press('ArrowDown');
  await expect(speed).toHaveValue('5');
  await expect(status).toContainText('slow motion 5 steps/s');
  await expect.poll(() => new URL(page.url()).searchParams.get('speed')).toBe('5');
  const atFive = await currentStep(page);
  await page.waitForTimeout(3000);
  const fasterBy = (await currentStep(page)) - atFive;
  expect(fasterBy).toBeGreaterThanOrEqual(12);
  expect(fasterBy).toBeLessThanOrEqual(18);

  // Full speed: no restart (the step goes on from where it was), hundreds of steps, the rate in the status line.
  await speed.selectOption({ label: 'Full speed' });
  await expect(status).toContainText(/\d+ steps\/s/);
  await expect(status).not.toContainText('slow motion');
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(atFive + fasterBy + 100);
  expect(new URL(page.url()).searchParams.get('speed')).toBeNull();
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toContainText('paused');

  // A tampered speed in a link falls back to full speed, with the link's notice.
  await page.goto('/?backend=wasm&speed=warp');
  await expect(page.getByRole('alert')).toContainText('The link\'s speed "warp" is not valid (one of 1, 5, 20, full); using full speed.');
  await expect(speed).toHaveValue('full');
});
