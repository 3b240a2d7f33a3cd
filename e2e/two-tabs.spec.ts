import { expect, test, type Page } from '@playwright/test';
import { currentStep } from './helpers';

/** Trains until past `step`, pauses (which saves), and returns the step it paused at. */
async function trainPast(page: Page, step: number): Promise<number> {
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(step);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status')).toContainText('paused');
  return currentStep(page);
}

// Two tabs (issue #17): two tabs of one browser (same origin, same IndexedDB) resume the same saved run; the
// second continues a copy under its own id, each saves its own, and each tab's list shows both.
test('two tabs on one saved run keep their own saves, and each list shows both', async ({ context }) => {
  const first = await context.newPage();
  await first.goto('/?backend=wasm&speed=20');
  await expect(first.getByRole('status')).toContainText('ready');
  const saved = await trainPast(first, 5);
  await first.close();

  const [a, b] = [await context.newPage(), await context.newPage()];
  for (const page of [a, b]) {
    await page.goto('/?backend=wasm&speed=20');
    await expect(page.getByRole('region', { name: 'Resume your last run' })).toContainText(`step ${saved}`);
  }
  const name = (await a.getByRole('region', { name: 'Resume your last run' }).locator('strong').textContent()) ?? '';
  await a.getByRole('region', { name: 'Resume your last run' }).getByRole('button', { name: 'Resume' }).click();
  await expect(a.getByText(`Resumed “${name}” at step ${saved}.`)).toBeVisible();
  await b.getByRole('region', { name: 'Resume your last run' }).getByRole('button', { name: 'Resume' }).click();
  await expect(b.getByText(`“${name}” is open in another tab, which goes on saving it: this tab resumed it at step ${saved} as a copy, “${name} (copy)”.`)).toBeVisible();

  // each trains on to its own step and saves it (Pause saves)
  const stepA = await trainPast(a, saved + 4);
  const stepB = await trainPast(b, stepA + 6);
  for (const page of [a, b]) {
    const list = page.getByRole('list', { name: 'Saved runs' });
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expect(list.getByRole('listitem').filter({ hasText: `${name} (copy)` })).toContainText(`step ${stepB}`);
    await expect(list.getByRole('listitem').filter({ hasNotText: '(copy)' })).toContainText(`step ${stepA}`);
  }

  // and what each saved is its own run: once both are closed, a third tab opens each at its step
  await a.close();
  await b.close();
  const c = await context.newPage();
  await c.goto('/?backend=wasm');
  await expect(c.getByRole('status')).toContainText('ready');
  const list = c.getByRole('list', { name: 'Saved runs' });
  await list.getByRole('button', { name: `Open ${name}`, exact: true }).click();
  await expect(c.getByRole('status')).toContainText(`Step ${stepA} · loss`);
  await expect(c.getByText(`Resumed “${name}” at step ${stepA}.`)).toBeVisible();
  await list.getByRole('button', { name: `Open ${name} (copy)`, exact: true }).click();
  await expect(c.getByRole('status')).toContainText(`Step ${stepB} · loss`);
  await expect(c.getByText(`Resumed “${name} (copy)” at step ${stepB}.`)).toBeVisible();
});
