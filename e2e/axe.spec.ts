/**
 * Accessibility checked by a tool (issue #18 part 4): axe-core, through @axe-core/playwright, on the page idle,
 * training, paused and diverged, on lessons (on a laptop and on a phone), and in the dark colour scheme. Every
 * rule axe runs by default is on, colour contrast included; a single serious or critical violation fails the
 * test, and the failure lists each violation's id, impact, help and the elements it found.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { currentStep } from './helpers';
import { next, partTitle } from './lessonHelpers';

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/** The violations that fail the suite: serious or critical. */
function blocking(results: AxeResults): AxeResults['violations'] {
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** One line per violation: what a person fixing it needs (the rule, its help and where it fired). */
function describe(violations: AxeResults['violations']): string[] {
  return violations.map((v) => {
    const targets = v.nodes.map((n) => n.target.join(' ')).slice(0, 8);
    const more = v.nodes.length > targets.length ? ` … and ${v.nodes.length - targets.length} more` : '';
    return `${v.id} (${v.impact}, ${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'}): ${v.help} — ${targets.join(', ')}${more} — ${v.helpUrl}`;
  });
}

/** Runs axe on the page as it is and fails on any serious or critical violation, naming them. */
async function expectAccessible(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.passes.length, `${state}: axe ran no checks`).toBeGreaterThan(0);
  expect(describe(blocking(results)), `axe found serious or critical violations (${state})`).toEqual([]);
}

async function openReady(page: Page, query = ''): Promise<void> {
  await page.goto(`/?backend=wasm${query}`);
  await expect(page.getByRole('status').first()).toContainText('ready', { timeout: 60_000 });
}

async function trainPast(page: Page, steps: number): Promise<void> {
  await page.getByRole('button', { name: 'Train', exact: true }).first().click();
  await expect.poll(() => currentStep(page), { timeout: 60_000 }).toBeGreaterThan(steps);
}

test('the check itself fails on a serious violation (an image without a text alternative)', async ({ page }) => {
  await openReady(page);
  const imageAlt = async () => describe(blocking(await new AxeBuilder({ page }).withRules(['image-alt']).analyze()));
  expect(await imageAlt()).toEqual([]);
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = '/favicon.svg';
    document.querySelector('main')?.append(img);
  });
  const found = await imageAlt();
  expect(found).toHaveLength(1);
  expect(found[0]).toMatch(/^image-alt \(critical, 1 element\): Images must have alternative text — img/);
});

test('idle, training, paused: no serious or critical violations', async ({ page }) => {
  await openReady(page);
  await expectAccessible(page, 'idle');
  await trainPast(page, 30);
  await expectAccessible(page, 'training');
  await page.getByRole('button', { name: 'Pause', exact: true }).first().click();
  await expect(page.getByRole('status').first()).toContainText('paused');
  await expectAccessible(page, 'paused');
  // what-if's editor open, with a result (issue #16)
  await page.getByRole('button', { name: 'Edit the probe' }).click();
  await page.getByRole('button', { name: 'Run what-if' }).click();
  await expect(page.getByRole('button', { name: 'Close the editor' })).toBeVisible();
  await expectAccessible(page, 'paused, what-if open');
});

test('diverged (the explode preset): no serious or critical violations', async ({ page }) => {
  await openReady(page, '&preset=explode');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Diverged at step' })).toBeVisible();
  await expect(page.getByRole('status').first()).toContainText('diverged');
  await expectAccessible(page, 'diverged');
});

test('every lesson’s first part: no serious or critical violations', async ({ page }) => {
  test.setTimeout(180_000);
  for (let lesson = 1; lesson <= 10; lesson++) {
    await openReady(page, `&lesson=${lesson}`);
    await expect(page.getByRole('navigation', { name: 'Lessons' }).getByRole('button', { name: new RegExp(`^Lesson ${lesson}: `) })).toHaveAttribute('aria-current', 'step');
    await expect(partTitle(page)).toBeVisible();
    await expectAccessible(page, `lesson ${lesson}, part 1`);
  }
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('lesson 1 and the lab: no serious or critical violations', async ({ page }) => {
    await openReady(page, '&lesson=1');
    await expect(partTitle(page)).toHaveText('Data where order matters');
    await expectAccessible(page, 'lesson 1 on a phone');
    await openReady(page);
    await page.getByRole('button', { name: 'Settings' }).click();
    await expectAccessible(page, 'the lab on a phone, settings open');
  });
});

test.describe('dark colour scheme', () => {
  test.beforeEach(async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
  });

  test('the page is dark, and idle, paused and diverged pass axe (colour contrast included)', async ({ page }) => {
    await openReady(page);
    // relative luminance (WCAG) of the page's and a panel's background: dark, not the light theme's near-white
    const luminances = await page.evaluate(() => {
      const luminance = (css: string) => {
        const [r, g, b] = (css.match(/[\d.]+/g) ?? []).map(Number).map((c) => c / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const page = luminance(getComputedStyle(document.documentElement).backgroundColor);
      const panel = document.querySelector('.panel');
      return { page, panel: panel ? luminance(getComputedStyle(panel).backgroundColor) : NaN, text: luminance(getComputedStyle(document.body).color) };
    });
    expect(luminances.page).toBeLessThan(0.05);
    expect(luminances.panel).toBeLessThan(0.05);
    expect(luminances.text).toBeGreaterThan(0.5);
    await expectAccessible(page, 'dark, idle');
    const contrast = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
    expect(contrast.passes.map((p) => p.id)).toContain('color-contrast');
    expect(describe(contrast.violations), 'colour contrast in dark').toEqual([]);

    await trainPast(page, 30);
    await page.getByRole('button', { name: 'Pause', exact: true }).first().click();
    await expect(page.getByRole('status').first()).toContainText('paused');
    await expectAccessible(page, 'dark, paused');

    await openReady(page, '&preset=explode');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Diverged at step' })).toBeVisible();
    await expectAccessible(page, 'dark, diverged');
  });

  test('sentiment: the coloured words of Try it and the colouring by one unit pass axe in dark', async ({ page }) => {
    await openReady(page, '&task=sentiment&cell=gru');
    await trainPast(page, 40);
    await page.getByRole('button', { name: 'Pause', exact: true }).first().click();
    const tryIt = page.getByRole('region', { name: 'Try it' });
    await tryIt.getByLabel('Type a sentence').fill('the food was not good but the staff were very friendly');
    await tryIt.getByRole('button', { name: 'Run' }).click();
    await expect(tryIt.getByRole('figure', { name: 'P(positive) after each word' }).getByRole('listitem')).toHaveCount(11);
    await page.getByRole('button', { name: /^Colour by unit \d+$/ }).first().click();
    await expect(page.getByRole('img', { name: /coloured by unit \d+'s activation/ })).toBeVisible();
    await expectAccessible(page, 'dark, sentiment: Try it and a unit picked');
  });

  test('a lesson to its reveal passes axe in dark', async ({ page }) => {
    await openReady(page, '&lesson=1');
    await expect(partTitle(page)).toHaveText('Data where order matters');
    await next(page);
    await next(page);
    await expect(partTitle(page)).toHaveText('Your prediction');
    await page.getByRole('radio', { name: 'Several times lower' }).check();
    await page.getByRole('button', { name: 'Commit my prediction' }).click();
    await expectAccessible(page, 'dark, lesson 1, a committed prediction');
    await next(page);
    await expect(partTitle(page)).toHaveText('Train it');
    await trainPast(page, 100);
    await page.getByRole('button', { name: 'Pause', exact: true }).first().click();
    await expect(page.getByText('Done: press Next to see what happened.')).toBeVisible();
    await next(page);
    await expect(partTitle(page)).toHaveText('What happened');
    await expectAccessible(page, 'dark, lesson 1, the reveal');
  });
});
