/**
 * Lesson 10, PyTorch, walked as a learner walks it, through roles and labels, on a laptop (1280 × 800) and a
 * phone (390 × 844): the live model's shapes beside its PyTorch code; type the first dimension of h_n (an empty
 * answer is refused with a message), build the two-layer bidirectional LSTM, read the real shapes against
 * the guess; the weights by name; the check on weight_ih_l1; dropout in the code; a GRU in the your-turn, exported:
 * the .safetensors file's header has the names and shapes the cards give.
 * With LESSON_SHOTS=DIR set, every part is photographed into DIR (for looking at, not for comparing).
 */
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { done, next, onScreen, partTitle, shooter, walkOnEachSize } from './lessonHelpers';

const shoot = shooter('lesson10-');

async function walkLesson10(page: Page): Promise<void> {
  const code = page.getByRole('region', { name: 'PyTorch code of the current model' });
  await expect(partTitle(page)).toHaveText('The live model is an nn.LSTM');
  await expect(page.getByText('The live model: input (B, 20, 1) · output (B, 20, 16) · h_n and c_n (1, B, 16), B the batch.')).toBeVisible();
  await expect(code).toContainText('batch_first=True');
  await expect(code).toHaveAttribute('data-lesson-pointed', '');
  await expect.poll(() => onScreen(page, code, true)).toBe(true);
  await shoot(page, '1-setup');
  await next(page);

  await expect(partTitle(page)).toHaveText('Your prediction');
  const guess = page.getByLabel('First dimension of h_n');
  // nothing typed: refused with a message, and Next stays off
  await page.getByRole('button', { name: 'Commit my prediction' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Type a number from 1 to 64.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  await guess.fill('2');
  await page.getByRole('button', { name: 'Commit my prediction' }).click();
  await expect(guess).toBeDisabled();
  await shoot(page, '2-prediction');
  await next(page);

  await expect(partTitle(page)).toHaveText('Build it');
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  const layers = page.getByLabel('Layers', { exact: true });
  await expect.poll(() => onScreen(page, layers)).toBe(true);
  await layers.fill('2');
  await layers.press('Enter');
  await page.getByLabel('Bidirectional', { exact: true }).check();
  await expect(done(page)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('The live model: input (B, 20, 1) · output (B, 20, 32) · h_n and c_n (4, B, 16), B the batch.')).toBeVisible();
  await expect(code).toContainText('bidirectional=True');
  await shoot(page, '3-build');
  await next(page);

  await expect(partTitle(page)).toHaveText('What happened');
  await expect(page.getByText(/^You said 2\. h_n is \(4, B, 16\): layer 0 forward, layer 0 backward, layer 1 forward, layer 1 backward\. output is \(B, 20, 32\)\.$/)).toBeVisible();
  await expect(page.getByRole('img', { name: 'size of the dimension: your guess 2; h_n, first dimension 4; output, last dimension 32.' })).toBeVisible();
  await shoot(page, '4-reveal');
  await next(page);

  await expect(partTitle(page)).toHaveText('The weights by name');
  await expect(page.getByRole('complementary', { name: 'Lesson' }).locator('.katex').first()).toBeVisible();
  await shoot(page, '5-weights');
  await next(page);

  await expect(partTitle(page)).toHaveText('Check');
  await page.getByRole('radio', { name: '(64, 16)' }).check();
  await expect(page.getByText(/^Not quite\. That is weight_hh_l1/)).toBeVisible();
  await page.getByRole('radio', { name: '(64, 32)' }).check();
  await expect(page.getByText(/^Right\./)).toBeVisible();
  await shoot(page, '6-check');
  await next(page);

  await expect(partTitle(page)).toHaveText('Dropout between layers');
  const dropout = page.getByLabel('Dropout', { exact: true });
  await dropout.fill('0.2');
  await dropout.press('Enter');
  await expect(code).toContainText('dropout=0.2,');
  await expect(page.getByText("The code's nn.LSTM( now says dropout=0.2.")).toBeVisible();
  await shoot(page, '7-dropout');
  await next(page);

  await expect(partTitle(page)).toHaveText('Your turn');
  await page.getByLabel('Cell', { exact: true }).selectOption('gru');
  await expect(code).toContainText('nn.GRU(');
  await expect(page.getByText('The live model: input (B, 20, 1) · output (B, 20, 32) · h_n (4, B, 16), B the batch.')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Finish', exact: true })).toBeEnabled();
  await shoot(page, '8-your-turn');

  // the export the code loads holds the weights under the names and shapes the cards give (a GRU: 3H = 48 rows)
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export .safetensors' }).click()]);
  const bytes = readFileSync(await download.path());
  const headerLength = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8')) as Record<string, { shape?: number[] }>;
  expect(header['rnn.weight_ih_l0'].shape).toEqual([48, 1]);
  expect(header['rnn.weight_hh_l0_reverse'].shape).toEqual([48, 16]);
  expect(header['rnn.weight_ih_l1'].shape).toEqual([48, 32]);
  expect(header['rnn.weight_ih_l1_reverse'].shape).toEqual([48, 32]);
  expect(header['head.weight'].shape).toEqual([1, 32]);
  await expect(code).toContainText(`load_file("${download.suggestedFilename()}")`);
}

walkOnEachSize('walks lesson 10: the shapes and the code, h_n typed and built, the weights, the check, dropout, a GRU', 180_000, async (page) => {
  await page.goto('/?backend=wasm&lesson=10');
  await expect(page.getByRole('navigation', { name: 'Lessons' }).getByRole('button', { name: /^Lesson 10: PyTorch/ })).toHaveAttribute('aria-current', 'step', { timeout: 60_000 });
  await walkLesson10(page);
});
