import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { currentStep, forecastErrors } from './helpers';

test('the long-memory task: named with its shape, trains, and reports held-out accuracy against chance', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status')).toContainText('ready');
  await page.getByLabel('Task', { exact: true }).selectOption('memory');
  await expect(page.getByText('Remember the first symbol: many-to-one')).toBeVisible();
  await expect(page.getByLabel('Period (steps)')).toHaveCount(0);
  await page.getByLabel('Sequence length', { exact: true }).fill('6');
  await page.getByLabel('Sequence length', { exact: true }).press('Enter');
  await expect(page).toHaveURL(/task=memory&seq-len=6/);
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('img', { name: /Held-out accuracy .*; chance is 0.250/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /loss/i }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status')).toContainText('paused');
});

test('sine "try it": roll the model out from held-out data and compare with the truth', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status')).toContainText('ready');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(60);
  const tryIt = page.getByRole('region', { name: 'Try it' });
  await tryIt.getByLabel('Roll out from held-out step').fill('5');
  await tryIt.getByRole('button', { name: 'Run' }).click();
  await expect(tryIt).toContainText(/Rolled out 40 steps, feeding each prediction back in: RMSE \d/);
  await expect(tryIt.getByRole('img', { name: /Rolled-out forecast against the truth over 40 steps/ })).toBeVisible();
  await tryIt.getByLabel('Roll out from held-out step').fill('-3');
  await tryIt.getByRole('button', { name: 'Run' }).click();
  await expect(tryIt.getByRole('alert')).toContainText('Start must be a whole number from 0 to');
});

test('CO₂: a real series trains, forecasts the held-out years, and rolls out', async ({ page }) => {
  await page.goto('/?backend=wasm&task=co2');
  await expect(page.getByRole('status')).toContainText('ready');
  await expect(page.getByText('CO₂ at Mauna Loa: many-to-one')).toBeVisible();
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(40);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status')).toContainText('paused');
  // The held-out error arrives with the pause's final frame: wait for it rather than read an older one.
  await expect.poll(async () => { const { mse, baseline } = await forecastErrors(page); return mse < baseline / 5; }).toBe(true);
  const tryIt = page.getByRole('region', { name: 'Try it' });
  await tryIt.getByRole('button', { name: 'Run' }).click();
  await expect(tryIt).toContainText(/RMSE \d+(\.\d+)? ppm/);
});

test('memory "try it": the network names the first symbol', async ({ page }) => {
  await page.goto('/?backend=wasm&task=memory&cell=gru&seq-len=6');
  await expect(page.getByRole('status')).toContainText('ready');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('img', { name: /Held-out accuracy 1\.00/ })).toBeVisible({ timeout: 60_000 });
  const tryIt = page.getByRole('region', { name: 'Try it' });
  await tryIt.getByLabel('First symbol (A, B, C or D)').fill('B');
  await tryIt.getByRole('button', { name: 'Run' }).click();
  await expect(tryIt).toContainText('the network says B');
  await expect(tryIt).toContainText('right');
  await tryIt.getByLabel('First symbol (A, B, C or D)').fill('Z');
  await tryIt.getByRole('button', { name: 'Run' }).click();
  await expect(tryIt.getByRole('alert')).toContainText('Type one of A, B, C, D');
});

test('character generation: trains on Moby-Dick, samples text, and takes the learner\'s own text (refusing one that cannot work)', async ({ page }, testInfo) => {
  await page.goto('/?backend=wasm&task=chargen&hidden=32');
  await expect(page.getByRole('status')).toContainText('ready');
  await expect(page.getByText(/Character generation: many-to-many \(synchronized\)/)).toBeVisible();
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Pause' }).click();
  const tryIt = page.getByRole('region', { name: 'Try it' });
  await tryIt.getByLabel('Seed text').fill('The whale ');
  await tryIt.getByRole('button', { name: 'Run' }).click();
  await expect(tryIt.locator('pre')).toContainText('The whale ', { timeout: 30_000 });
  expect(((await tryIt.locator('pre').textContent()) ?? '').length).toBeGreaterThan(100);

  const one = testInfo.outputPath('aaaa.txt');
  writeFileSync(one, 'a'.repeat(500));
  await page.getByLabel(/Your own text/).setInputFiles(one);
  await expect(page.getByRole('alert')).toContainText("uses only one character ('a')");
  await expect(page.getByRole('alert')).toContainText('Nothing was changed.');

  const mine = testInfo.outputPath('mine.txt');
  writeFileSync(mine, 'to be or not to be, that is the question. '.repeat(40));
  await page.getByLabel(/Your own text/).setInputFiles(mine);
  await expect(page.getByText('Training on mine.txt.')).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Step 0');
  await expect(page.getByRole('button', { name: 'Use the built-in data' })).toBeVisible();
});

test('sentiment: generated reviews where order decides, the probability after each word, and the learner\'s labelled sentences', async ({ page }, testInfo) => {
  await page.goto('/?backend=wasm&task=sentiment&cell=gru');
  await expect(page.getByRole('status')).toContainText('ready');
  await expect(page.getByText(/Sentiment: many-to-one/)).toBeVisible();
  await expect(page.getByLabel('Reviews', { exact: true })).toHaveValue('generated');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('img', { name: /Held-out accuracy 0\.9\d|Held-out accuracy 1\.00/ })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const tryIt = page.getByRole('region', { name: 'Try it' });
  await tryIt.getByLabel('Type a sentence').fill('the service was not bad');
  await tryIt.getByRole('button', { name: 'Run' }).click();
  const trace = tryIt.getByRole('figure', { name: 'P(positive) after each word' });
  await expect(trace.getByRole('listitem')).toHaveCount(5);
  await expect(tryIt).toContainText(/(positive|negative) \(\d+%\)/);

  const bad = testInfo.outputPath('bad.csv');
  writeFileSync(bad, 'text,label\ngreat food,1\nawful service,maybe\n');
  await page.getByLabel('Your own labelled sentences').setInputFiles(bad);
  await expect(page.getByRole('alert')).toContainText('label "maybe"');
  await expect(page.getByRole('alert')).toContainText('Nothing was changed.');

  const good = testInfo.outputPath('mine.tsv');
  const rows = Array.from({ length: 12 }, (_, k) => (k % 2 ? `I loved it ${k}\tpositive` : `I hated it ${k}\tnegative`));
  writeFileSync(good, rows.join('\n'));
  await page.getByLabel('Your own labelled sentences').setInputFiles(good);
  await expect(page.getByText('Training on mine.tsv.')).toBeVisible();
});

test('reverse digits (encoder–decoder): its own settings, an encoder then a decoder in the diagram, learns, and writes the reverse', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status')).toContainText('ready');
  await page.getByLabel('Task', { exact: true }).selectOption('reverse');
  await expect(page.getByText(/Reverse digits: many-to-many \(delayed\)/)).toBeVisible();
  // its own setting instead of the sequence length
  await expect(page.getByLabel('Sequence length', { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Digits', { exact: true })).toHaveValue('4');
  await expect(page.getByRole('img', { name: /an encoder over steps 1 to 4 \(no outputs\), whose final state starts a decoder over steps 5 to 8/ })).toBeVisible();
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('img', { name: /Held-out accuracy (0\.9\d|1\.00)/ })).toBeVisible({ timeout: 75_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  // σ_max of both recurrent matrices: the encoder's and the decoder's
  await expect(page.getByRole('img', { name: /^Largest singular value.*\(encoder\) [\d.]+.*\(decoder\) [\d.]+/ })).toBeVisible();
  const tryIt = page.getByRole('region', { name: 'Try it' });
  await tryIt.getByLabel('4 digits to reverse').fill('2718');
  await tryIt.getByRole('button', { name: 'Run' }).click();
  await expect(tryIt).toContainText(/The decoder wrote \d{4}/);
  await expect(tryIt.getByRole('figure', { name: 'Probability of each digit when the decoder wrote it' }).getByRole('listitem')).toHaveCount(4);
  await tryIt.getByLabel('4 digits to reverse').fill('27');
  await tryIt.getByRole('button', { name: 'Run' }).click();
  await expect(tryIt.getByRole('alert')).toContainText('Type exactly 4 digits');
  // a bidirectional encoder is refused with a message; the settings and the model stay as they were
  const step = await currentStep(page);
  await page.getByLabel('Bidirectional').click();
  await expect(page.getByRole('alert').filter({ hasText: 'turn Bidirectional off' })).toBeVisible();
  await expect(page.getByLabel('Bidirectional')).not.toBeChecked();
  await expect(page).not.toHaveURL(/bidirectional/);
  await expect(page.getByRole('status')).toContainText(`Step ${step}`);
});

test('why gates matter: the remember preset sets the long-memory task at lag 40 with a tanh RNN; it stays near chance while training', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status')).toContainText('ready');
  await page.getByLabel('Preset').selectOption('remember');
  await expect(page).toHaveURL(/preset=remember/);
  await expect(page.getByText(/using a tanh RNN: it stays at chance/)).toBeVisible();
  await expect(page.getByLabel('Task', { exact: true })).toHaveValue('memory');
  await expect(page.getByLabel('Cell', { exact: true })).toHaveValue('rnn-tanh');
  await expect(page.getByLabel('Sequence length', { exact: true })).toHaveValue('41');
  // the probe's steps read as symbols: the marked first one, then the letters written over it
  await expect(page.getByRole('group', { name: /Time steps/ }).getByLabel(/Time step 1, input ▸C/)).toHaveCount(1);
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(150);
  await page.getByRole('button', { name: 'Pause' }).click();
  const label = (await page.getByRole('img', { name: /Held-out accuracy/ }).getAttribute('aria-label')) ?? '';
  const accuracy = Number(/Held-out accuracy (\S+);/.exec(label)?.[1]);
  expect(accuracy).toBeLessThan(0.45);
});

test('sine, many-to-many: a prediction at every step, named with its shape; it forecasts and rolls out', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status')).toContainText('ready');
  await page.getByLabel('Predict', { exact: true }).selectOption({ label: 'The next value at every step (many-to-many)' });
  await expect(page).toHaveURL(/predict=every/);
  await expect(page.getByText(/Sine forecasting: many-to-many \(synchronized\)/)).toBeVisible();
  await expect(page.getByRole('img', { name: /an output at every step/ })).toBeVisible();
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(150);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status')).toContainText('paused');
  // The held-out error arrives with the pause's final frame: wait for it rather than read an older one.
  await expect.poll(async () => { const { mse, baseline } = await forecastErrors(page); return mse < baseline / 5; }).toBe(true);
  const tryIt = page.getByRole('region', { name: 'Try it' });
  await tryIt.getByRole('button', { name: 'Run' }).click();
  await expect(tryIt).toContainText(/Rolled out 40 steps, feeding each prediction back in: RMSE \d/);
  // the task's own setting is not shown for other tasks
  await page.getByLabel('Task', { exact: true }).selectOption('chargen');
  await expect(page.getByLabel('Predict', { exact: true })).toHaveCount(0);
});
