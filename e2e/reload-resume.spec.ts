import { expect, test } from '@playwright/test';
import { frameTapScript } from '../src/bench/frameTap';
import { currentStep } from './helpers';

/**
 * Installed before the app's scripts: notes the step of the newest telemetry frame the page took in (read as
 * src/bench/frameTap.ts explains) and, as the page is left, keeps it in sessionStorage, which outlives a reload.
 * The page draws each frame at its next paint.
 */
const NOTE_STEP_AT_LEAVE = frameTapScript({
  setup: 'let newest = -1;',
  onFrame: 'newest = frame.step;',
  after: "addEventListener('pagehide', () => sessionStorage.setItem('step-at-leave', String(newest)));",
});

// Nothing lost on reload (issue #17): as the page is left it keeps the run at the step it shows (the state the
// latest frame carried, written at once to localStorage); the next start offers that step.
// Character generation's LSTM-128 has a 1.1 MB state (1.5 M characters in localStorage).
const CASES = [
  { name: 'sine, speed 5', query: '&speed=5', past: 12 },
  { name: 'sine, full speed', query: '', past: 12 },
  { name: 'character generation, hidden 128, full speed', query: '&task=chargen&hidden=128', past: 6 },
];
for (const { name, query, past } of CASES) {
  test(`a reload mid-training (${name}) resumes at the step the page showed, with its loss`, async ({ page }) => {
    await page.addInitScript(NOTE_STEP_AT_LEAVE);
    await page.goto(`/?backend=wasm${query}`);
    await expect(page.getByRole('status')).toContainText('ready', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Train' }).click();
    await expect.poll(() => currentStep(page), { timeout: 60_000 }).toBeGreaterThan(past);
    await page.reload();
    const shown = Number(await page.evaluate(() => sessionStorage.getItem('step-at-leave')));
    const offer = page.getByRole('region', { name: 'Resume your last run' });
    await expect(offer).toContainText(/step \d+/);
    const offered = Number(/step (\d+)/.exec((await offer.textContent()) ?? '')?.[1]);
    console.log(`${name}: the newest frame the page took in was step ${shown}; the offer is step ${offered}`);
    expect(shown).toBeGreaterThan(past);
    expect(Math.abs(offered - shown)).toBeLessThanOrEqual(1);
    await offer.getByRole('button', { name: 'Resume' }).click();
    // the run itself, not a copy: the page that was left let go of it
    await expect(page.getByText(new RegExp(`^Resumed “[^”]+” at step ${offered}\\.$`))).toBeVisible();
    await expect(page.getByRole('status')).toContainText(new RegExp(`Step ${offered} · loss \\d`));
    await expect(page.getByRole('status')).not.toContainText('NaN');
    // the pending save went into the saved runs and left localStorage
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('unrolled-pending')))).toEqual([]);
  });
}
