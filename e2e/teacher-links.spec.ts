import { expect, test } from '@playwright/test';
import { currentStep } from './helpers';

// A teacher's link (issue #15): ?hide= fixes settings and takes their controls off the page; ?embed=1 is the
// compact page for slides and course pages.

test('?hide= takes those settings off the page at the link\'s values, and the address keeps the flag', async ({ page }) => {
  await page.goto('/?backend=wasm&cell=gru&hide=cell,optimizer');
  await expect(page.getByRole('status')).toContainText('ready');
  const settings = page.getByRole('complementary', { name: 'Settings' });
  await expect(settings.getByLabel('Cell', { exact: true })).toHaveCount(0);
  await expect(settings.getByLabel('Optimizer', { exact: true })).toHaveCount(0);
  await expect(settings.getByLabel('Hidden size', { exact: true })).toBeVisible();
  // the model is the link's GRU
  await expect(page.getByLabel('PyTorch code of the current model')).toContainText('nn.GRU');
  const hidden = settings.getByLabel('Hidden size', { exact: true });
  await hidden.fill('24');
  await hidden.press('Enter');
  await expect(page).toHaveURL(/hidden=24/);
  await expect(page).toHaveURL(/hide=cell%2Coptimizer/);
  await expect(page).toHaveURL(/cell=gru/);
});

test('a tampered ?hide= or ?embed= is ignored with a notice, and the page is whole', async ({ page }) => {
  await page.goto('/?backend=wasm&hide=cell,%3Cb%3Ebold%3C/b%3E&embed=yes');
  await expect(page.getByRole('status')).toContainText('ready');
  await expect(page.getByText('The link hides "<b>bold</b>", which is not a setting; ignored.')).toBeVisible();
  await expect(page.getByText('The link\'s embed "yes" is not 1 or 0; showing the whole page.')).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Unrolled/ })).toBeVisible();
  await expect(page.locator('b', { hasText: 'bold' })).toHaveCount(0);
});

test.describe('embedded in an 800 × 600 frame', () => {
  test.use({ viewport: { width: 800, height: 600 } });

  test('?embed=1 shows no header and no settings, one Train in view, and trains', async ({ page }) => {
    await page.goto('/?backend=wasm&embed=1&speed=20');
    await expect(page.getByRole('status')).toContainText('ready');
    await expect(page.getByRole('heading', { name: /^Unrolled/ })).toHaveCount(0);
    await expect(page.getByRole('complementary', { name: 'Settings' })).toHaveCount(0);
    const train = page.getByRole('button', { name: 'Train', exact: true });
    await expect(train).toHaveCount(1);
    await expect(train).toBeInViewport();
    await train.click();
    await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(10);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(page).toHaveURL(/embed=1/);
  });
});
