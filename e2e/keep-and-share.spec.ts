import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { currentStep, forecastMse } from './helpers';




test('export a trained model, reload, import it: same settings, same step, same predictions; bad files change nothing', async ({ page }, testInfo) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status')).toContainText('ready');
  await page.getByLabel('Cell', { exact: true }).selectOption({ label: 'GRU' });
  await page.getByLabel('Hidden size', { exact: true }).fill('12');
  await page.getByLabel('Hidden size', { exact: true }).press('Enter');
  await expect(page).toHaveURL(/cell=gru&hidden=12/);
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(40);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status')).toContainText('paused');
  const step = await currentStep(page);
  const mse = await forecastMse(page);
  expect(Number(mse)).toBeGreaterThan(0);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export .safetensors' }).click()]);
  expect(download.suggestedFilename()).toBe(`unrolled-sine-gru-step${step}.safetensors`);
  const saved = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(saved);
  await expect(page.getByText(`Exported unrolled-sine-gru-step${step}.safetensors`)).toBeVisible();

  // a fresh page with other settings
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status')).toContainText('ready');
  await expect(page.getByLabel('Cell', { exact: true })).toHaveValue('lstm');
  await page.getByLabel('Import weights').setInputFiles(saved);
  await expect(page.getByText(`Loaded unrolled-sine-gru-step${step}.safetensors.`)).toBeVisible();
  await expect(page.getByLabel('Cell', { exact: true })).toHaveValue('gru');
  await expect(page.getByLabel('Hidden size', { exact: true })).toHaveValue('12');
  await expect(page.getByRole('status')).toContainText(`Step ${step}`);
  await expect.poll(() => forecastMse(page)).toBe(mse);
  await expect(page).toHaveURL(/cell=gru&hidden=12/);

  // a file that is not a model: refused, nothing changes
  const garbage = testInfo.outputPath('garbage.safetensors');
  writeFileSync(garbage, Buffer.from('this is not a safetensors file at all'));
  await page.getByLabel('Import weights').setInputFiles(garbage);
  await expect(page.getByRole('alert')).toContainText('garbage.safetensors was not loaded: The header says it is');
  await expect(page.getByRole('alert')).toContainText('The current model and settings are unchanged.');
  // a real model of the wrong shape: refused with what does not fit
  await page.getByLabel('Import weights').setInputFiles('src/io/fixtures/torch_lstm_2layer.safetensors');
  await expect(page.getByRole('alert')).toContainText("The file's model reads input vectors of size 3, but the sine task needs 1");
  await expect(page.getByLabel('Cell', { exact: true })).toHaveValue('gru');
  await expect(page.getByRole('status')).toContainText(`Step ${step}`);
  expect(await forecastMse(page)).toBe(mse);

  // the PyTorch view matches the model
  const code = page.getByLabel('PyTorch code of the current model');
  await expect(code).toContainText('self.rnn = nn.GRU(');
  await expect(code).toContainText('hidden_size=12,');
  await expect(code).toContainText(`load_file("unrolled-sine-gru-step${step}.safetensors")`);
});

test('a tampered link falls back to defaults with a notice, the valid values stay', async ({ page }) => {
  await page.goto('/?backend=wasm&cell=gru&hidden=banana&lr=1e9&preset=nope');
  await expect(page.getByRole('status')).toContainText('ready');
  const notices = page.getByRole('alert');
  await expect(notices).toContainText('The link\'s preset "nope" is unknown; using the defaults.');
  await expect(notices).toContainText('The link\'s hidden size "banana" is not valid');
  await expect(notices).toContainText('The link\'s learning rate "1e9" is not valid');
  await expect(page.getByLabel('Cell', { exact: true })).toHaveValue('gru');
  await expect(page.getByLabel('Hidden size', { exact: true })).toHaveValue('16');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notices).toHaveCount(0);
  // the address now holds the valid setup only, and reproduces it
  await page.getByLabel('Preset').selectOption('vanish');
  await expect(page).toHaveURL(/\?backend=wasm&preset=vanish$|preset=vanish&backend=wasm/);
  await page.reload();
  await expect(page.getByRole('status')).toContainText('ready');
  await expect(page.getByLabel('Sequence length', { exact: true })).toHaveValue('80');
  await expect(page.getByLabel('Preset')).toHaveValue('vanish');
});
