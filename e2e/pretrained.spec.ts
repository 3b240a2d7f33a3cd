import { expect, test } from '@playwright/test';
import { PRETRAINED } from '../src/shared/pretrained';
import { NUMBER } from './helpers';

// "Start from a model that learned longer" (issue #14): character generation ships a model trained with the CLI,
// loaded through the normal import; it writes at once, and Train goes on from its step.
test('character generation starts from the shipped model: its step, its score, and text at once', async ({ page }) => {
  const model = PRETRAINED.chargen!;
  await page.goto('/?backend=wasm&task=chargen');
  const status = page.getByRole('status');
  await expect(status).toContainText('ready');
  await page.getByRole('button', { name: 'Start from a model that learned longer' }).click();
  const fileName = model.file.split('/').pop()!;
  await expect(page.getByText(`Loaded ${fileName}.`, { exact: false }).first()).toBeVisible({ timeout: 30_000 });
  await expect(status).toContainText(`Step ${model.steps}`);

  // its held-out score, as the page measures it, is the one the offer states
  const scores = page.getByRole('table', { name: 'Held-out bits/char: this network against the baselines' });
  const row = scores.getByRole('row', { name: new RegExp(`^this network ${NUMBER}`) });
  await expect(row).toBeVisible({ timeout: 30_000 });
  const shown = Number(await row.getByRole('cell').first().textContent());
  expect(shown).toBeCloseTo(model.heldOut.bitsPerChar, 1);
  await expect(scores.getByRole('row', { name: /^bigram .* yes$/ })).toBeVisible();

  // it writes words at once
  const tryIt = page.getByRole('region', { name: 'Try it' });
  await tryIt.getByRole('button', { name: 'Run' }).click();
  const written = tryIt.getByText(/^The whale /);
  await expect(written).toBeVisible({ timeout: 30_000 });
  const text = ((await written.textContent()) ?? '').slice('The whale '.length);
  // mostly real words: most of what it writes are words of the book itself
  const book = await (await page.request.get('/data/moby-dick.txt')).text();
  const known = new Set(book.toLowerCase().match(/[a-z]+/g));
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  expect(words.length).toBeGreaterThan(20);
  expect(words.filter((word) => known.has(word)).length / words.length).toBeGreaterThan(0.7);

  // Train goes on from there
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(async () => Number(/Step (\d+)/.exec((await status.textContent()) ?? '')?.[1] ?? 0), { timeout: 30_000 }).toBeGreaterThan(model.steps);
  await page.getByRole('button', { name: 'Pause' }).click();
});

test('a task without a shipped model does not offer one', async ({ page }) => {
  await page.goto('/?backend=wasm&task=sine');
  await expect(page.getByRole('status')).toContainText('ready');
  await expect(page.getByRole('button', { name: 'Start from a model that learned longer' })).toHaveCount(0);
});
