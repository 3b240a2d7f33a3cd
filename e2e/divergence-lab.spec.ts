import { expect, test } from '@playwright/test';
import { currentStep } from './helpers';


test('explode preset: diverges, shows what blew up, rewinds, and trains on finite with clipping', async ({ page }) => {
  await page.goto('/?backend=wasm');
  const status = page.getByRole('status');
  await expect(status).toContainText('ready');

  await page.getByLabel('Preset').selectOption('explode');
  await expect(page.getByText(/A ReLU RNN \(nothing squashes h\)/)).toBeVisible();
  await expect(page.getByLabel('Cell', { exact: true })).toHaveValue('rnn-relu');
  await expect(page.getByLabel('Gradient clipping')).toHaveValue('off');

  await page.getByRole('button', { name: 'Train' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Diverged at step' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/Diverged at step \d+: the (loss|gradient norm) (became NaN|became \+∞|jumped past)/);
  await expect(status).toContainText('diverged');
  const divergedAt = await currentStep(page);
  await expect(page.getByRole('button', { name: 'Train' })).toBeDisabled();

  await alert.getByRole('button', { name: 'Rewind' }).click();
  await expect(page.getByText('Rewound to step 0, the last finite checkpoint.')).toBeVisible();
  await expect(status).toContainText('Step 0');

  await page.getByLabel('Gradient clipping').selectOption({ label: 'By global norm' });
  await expect(page.getByLabel('Clip threshold', { exact: true })).toHaveValue('0.1');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(divergedAt + 20);
  // the threshold slider changes clipping while training runs (log scale: the middle is 0.32)
  await page.getByLabel('Clip threshold slider').fill('500');
  await expect(page.getByLabel('Clip threshold', { exact: true })).toHaveValue('0.32');
  await expect(page.getByRole('img', { name: /clipping by norm at 0.320/ })).toBeVisible();
  await page.getByLabel('Clip threshold slider').fill('400');
  await expect(page.getByLabel('Clip threshold', { exact: true })).toHaveValue('0.1');
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(divergedAt + 40);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toContainText('paused');
  await expect(status).not.toContainText('NaN');
  await expect(page.getByRole('alert').filter({ hasText: 'Diverged' })).toHaveCount(0);
  const loss = Number(/loss (\S+)/.exec((await status.textContent()) ?? '')![1]);
  expect(Number.isFinite(loss)).toBe(true);
  // the gradient-norm chart shows the threshold
  await expect(page.getByRole('img', { name: /clipping by norm at 0.100/ })).toBeVisible();
});

test('compare: the explode preset without and with clipping, side by side on the same seed', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status')).toContainText('ready');
  await page.getByLabel('Preset').selectOption('explode');
  const compare = page.getByRole('region', { name: 'Compare two runs' });
  await compare.getByLabel('Change').selectOption({ label: 'Gradient clipping' });
  await compare.getByLabel('to', { exact: true }).selectOption({ label: 'By global norm' });
  await compare.getByLabel('Steps').fill('60');
  await compare.getByRole('button', { name: 'Run comparison' }).click();
  const summary = compare.getByRole('listitem');
  await expect(summary.nth(0)).toContainText(/A: current settings: Diverged at step \d+/, { timeout: 60_000 });
  await expect(summary.nth(1)).toContainText(/B: gradient clipping norm: step 60 · loss \d/, { timeout: 60_000 });
  await expect(compare.getByRole('img', { name: /Loss of both runs/ })).toBeVisible();
  // the main run was not touched
  await expect(page.getByRole('status')).toContainText('Step 0');
});
