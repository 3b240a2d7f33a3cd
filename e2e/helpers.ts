/** Readings the specs take off the page, through what a person (or a screen reader) sees. */
import type { Page } from '@playwright/test';

/** A number as the page prints it: 12, -0.5, 1.23e-4. */
export const NUMBER = String.raw`(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)`;

/** "Step N" from the status line; −1 when it shows none. */
export async function currentStep(page: Page): Promise<number> {
  const match = /Step (\d+)/.exec((await page.getByRole('status').textContent()) ?? '');
  return match ? Number(match[1]) : -1;
}

/** The held-out MSE the forecast plot's accessible name reports. */
export async function forecastMse(page: Page): Promise<string> {
  const label = (await page.getByRole('img', { name: /Forecast against truth/ }).getAttribute('aria-label')) ?? '';
  return new RegExp(`mean squared error ${NUMBER}`).exec(label)?.[1] ?? '';
}

/** The held-out MSE and the predict-the-mean baseline the forecast plot's accessible name reports. */
export async function forecastErrors(page: Page): Promise<{ mse: number; baseline: number }> {
  const label = (await page.getByRole('img', { name: /Forecast against truth/ }).getAttribute('aria-label')) ?? '';
  const [, mse, baseline] = new RegExp(`error ${NUMBER} \\(predicting the mean gives ${NUMBER}\\)`).exec(label) ?? [];
  return { mse: Number(mse), baseline: Number(baseline) };
}
