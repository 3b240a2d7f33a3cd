import { expect, test, type Page } from '@playwright/test';
import { currentStep } from './helpers';

// These specs make the trainer fail on purpose through hooks that only the e2e build has (`vite build --mode e2e`,
// see src/state/failureHooks.ts); playwright.config.ts serves that build for them.

/** Trainer workers the page started so far (WASM's own thread workers left out). */
function countTrainers(page: Page): () => number {
  let started = 0;
  page.on('worker', (worker) => {
    if (worker.url().includes('trainer.worker')) started++;
  });
  return () => started;
}

/** Trains until the autosave has kept the run, and returns the page's count of trainer workers. */
async function trainUntilSaved(page: Page): Promise<() => number> {
  const trainers = countTrainers(page);
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status')).toContainText('ready');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('list', { name: 'Saved runs' }).getByRole('listitem')).toHaveCount(1);
  expect(trainers()).toBe(1);
  return trainers;
}

/** The step a recovery notice says it restored. */
async function restoredStep(page: Page, notice: RegExp): Promise<number> {
  const text = (await page.getByText(notice).textContent()) ?? '';
  return Number(/restored step ([\d,]+)/.exec(text)?.[1].replace(/,/g, ''));
}

test('a trainer that throws mid-training is reported, a fresh one restores the last save with its history, and Train goes on', async ({ page }) => {
  const trainers = await trainUntilSaved(page);
  await page.evaluate(() => window.unrolledFailureHooks?.failTrainer('throw'));

  const notice = /^The trainer stopped \(memory access out of bounds\)\. Restarted it and restored step [\d,]+ \(weights, optimizer and loss history\); press Train to go on\.$/;
  await expect(page.getByText(notice)).toBeVisible();
  const step = await restoredStep(page, notice);
  expect(step).toBeGreaterThan(0);
  expect(trainers()).toBe(2);
  const status = page.getByRole('status');
  await expect(status).toContainText(`Step ${step}`);
  await expect(status).toContainText('paused');
  await expect(page.getByRole('img', { name: new RegExp(`Training loss over ${step} steps`) })).toBeVisible();

  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByText(notice)).toHaveCount(0);
  await expect.poll(() => currentStep(page)).toBeGreaterThan(step + 10);
});

test('a trainer that stops answering while it trains is caught by the heartbeat, replaced, and the run restored', async ({ page }) => {
  const trainers = await trainUntilSaved(page);
  await page.evaluate(() => window.unrolledFailureHooks?.failTrainer('hang'));

  const notice = /^The trainer stopped answering \(no answer for \d+ s\)\. Restarted it and restored step [\d,]+/;
  await expect(page.getByText(notice)).toBeVisible({ timeout: 40_000 });
  expect(trainers()).toBe(2);
  const step = await restoredStep(page, notice);
  await expect(page.getByRole('status')).toContainText(`Step ${step}`);
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByRole('status')).toContainText(`Step ${step + 1}`);
});

test('a message the page cannot read is reported the same way, not left as a silent "training"', async ({ page }) => {
  const trainers = await trainUntilSaved(page);
  await page.evaluate(() => window.unrolledFailureHooks?.failTrainer('messageerror'));
  await expect(page.getByText(/^The trainer stopped \(a message between the page and the trainer could not be read\)\. Restarted it and restored step/)).toBeVisible();
  expect(trainers()).toBe(2);
  await expect(page.getByRole('status')).toContainText('paused');
});
