import { readFileSync } from 'node:fs';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { NUMBER, currentStep } from './helpers';

/** The model as .safetensors bytes, through Keep and share's export (what a learner would save). */
async function exportedWeights(page: Page, testInfo: TestInfo, name: string): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export .safetensors' }).click()]);
  const saved = testInfo.outputPath(name);
  await download.saveAs(saved);
  return readFileSync(saved);
}

/** The loss chart's accessible name: how many steps and the first and last loss. */
async function lossHistory(page: Page): Promise<string> {
  return (await page.getByRole('img', { name: /^Training loss over/ }).getAttribute('aria-label')) ?? '';
}

/** P(positive) of the probe and of the edited copy, from the outputs table. */
async function positives(page: Page): Promise<{ probe: number; edited: number }> {
  const row = page.getByRole('row', { name: /^P\(positive\)/ });
  const cells = await row.getByRole('cell').allTextContents();
  return { probe: Number(cells[0]), edited: Number(cells[1]) };
}

/** The paths plot's accessible name, which says where each path ends. */
async function pathsLabel(page: Page): Promise<string> {
  return (await page.getByRole('img', { name: /^Hidden-state paths over/ }).getAttribute('aria-label')) ?? '';
}

test('what if "good" were "not good"? P(positive) and the trajectory change; the run does not', async ({ page }, testInfo) => {
  await page.goto('/?backend=wasm&task=sentiment');
  await expect(page.getByRole('status')).toContainText('ready');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => currentStep(page), { timeout: 120_000 }).toBeGreaterThan(200);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status')).toContainText('paused');

  const step = await currentStep(page);
  const losses = await lossHistory(page);
  expect(losses).toMatch(new RegExp(`over ${step} steps: from ${NUMBER} to ${NUMBER}`));
  const weights = await exportedWeights(page, testInfo, 'before.safetensors');

  // open the editor under the unrolled diagram: it holds the task's probe
  await page.getByRole('button', { name: 'Edit the probe' }).click();
  const text = page.getByLabel('Probe text');
  await expect(text).toHaveValue('the food was not good but the staff were very friendly');
  const { probe } = await positives(page);
  expect(probe).toBeGreaterThan(0.5);

  // the generated probe's "good" is already negated ("not good, but … friendly": the clause after "but" decides),
  // so first set the probe text to its first clause without the negation, then change its "good" to "not good"
  await text.fill('the food was good');
  await page.getByRole('button', { name: 'Run what-if' }).click();
  await expect(page.getByRole('row', { name: /^P\(positive\)/ }).getByRole('cell').nth(1)).not.toHaveText('—');
  const good = await positives(page);
  const goodPaths = await pathsLabel(page);
  expect(good.edited).toBeGreaterThan(0.5);

  await text.fill((await text.inputValue()).replace('good', 'not good'));
  await expect(text).toHaveValue('the food was not good');
  await page.getByRole('button', { name: 'Run what-if' }).click();
  await expect.poll(async () => (await positives(page)).edited).toBeLessThan(good.edited - 0.2);
  const notGood = await positives(page);
  // the probe's own readout is the same model's: unchanged
  expect(notGood.probe).toBe(probe);
  // the trajectory changed: the edited path ends elsewhere, and the states differ from the probe's
  expect(await pathsLabel(page)).not.toBe(goodPaths);
  const difference = (await page.getByRole('img', { name: /^Distance between the hidden states/ }).getAttribute('aria-label')) ?? '';
  const largest = Number(new RegExp(`largest ${NUMBER}`).exec(difference)?.[1]);
  expect(largest).toBeGreaterThan(0);

  // a word the network never learned is refused with a message, and the comparison stays as it was
  await text.fill('the food was scrumptiouslyx');
  await page.getByRole('button', { name: 'Run what-if' }).click();
  await expect(page.getByRole('alert')).toContainText('"scrumptiouslyx" is not in the vocabulary');
  expect((await positives(page)).edited).toBe(notGood.edited);

  // the table alternative lists the steps side by side
  await page.getByRole('region', { name: 'What if the probe were different?' }).getByRole('button', { name: 'Table' }).click();
  const lastRow = page.getByRole('table', { name: /step by step/ }).getByRole('row', { name: /^20 / });
  await expect(lastRow).toContainText('friendly');
  await expect(lastRow).toContainText('good');

  // Reset goes back to the task's probe: no edited copy
  await page.getByRole('button', { name: 'Reset the probe' }).click();
  await expect(text).toHaveValue('the food was not good but the staff were very friendly');
  await expect(page.getByRole('row', { name: /^P\(positive\)/ }).getByRole('cell').nth(1)).toHaveText('—');

  // the run is as it was: the same step, the same loss history, the same weights byte for byte
  expect(await currentStep(page)).toBe(step);
  expect(await lossHistory(page)).toBe(losses);
  expect((await exportedWeights(page, testInfo, 'after.safetensors')).equals(weights)).toBe(true);
});

test('pick a unit in a heatmap: the probe is coloured by its activation, and units that track a feature are listed', async ({ page }) => {
  await page.goto('/?backend=wasm&task=sentiment&hidden=8');
  await expect(page.getByRole('status')).toContainText('ready');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => currentStep(page)).toBe(1);
  const units = page.getByRole('region', { name: 'One unit at a time' });
  await expect(units.getByRole('table', { name: /best tracks a feature/ })).toBeVisible();

  // keyboard: focus the hidden-state map, move to unit 3, press Enter
  const map = page.getByRole('img', { name: /^hidden state h of layer 0/ });
  await map.focus();
  for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const coloured = units.getByRole('img', { name: /coloured by unit 3's activation/ });
  await expect(coloured).toBeVisible();
  // one coloured word per step, each with its own reading; the table alternative has the same numbers
  const words = coloured.locator('span');
  await expect(words).toHaveCount(20);
  const last = (await words.last().getAttribute('title')) ?? '';
  expect(last).toMatch(/^t = 20 · "friendly" → /);
  await units.getByRole('button', { name: 'Table' }).click();
  const reading = last.split('→ ')[1];
  await expect(units.getByRole('table', { name: /Unit 3's h at each step/ }).getByRole('row', { name: /^20 / })).toContainText(reading);

  // a listed unit can be picked from the list as well
  const listed = units.getByRole('button', { name: /^Colour by unit \d+$/ }).first();
  const unit = /(\d+)$/.exec((await listed.textContent()) ?? '')![1];
  await listed.click();
  await expect(units.getByRole('img', { name: new RegExp(`coloured by unit ${unit}'s activation`) })).toBeVisible();
});
