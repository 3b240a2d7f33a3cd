import { expect, test } from '@playwright/test';
import { currentStep } from './helpers';

// A strict Content-Security-Policy (issue #17): own origin only, plus 'wasm-unsafe-eval' for WebAssembly.
// Every backend trains under it, and the page reports no violation (of its own or of a library's).

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
});

test('the page is served with the policy, in its header and in the built page', async ({ page }) => {
  const response = await page.goto('/');
  const header = response?.headers()['content-security-policy'] ?? '';
  expect(header).toContain("default-src 'self'");
  expect(header).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(header).not.toContain("'unsafe-eval'");
  expect(header).not.toContain("'unsafe-inline'");
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toBe(header);
});

for (const backend of ['webgl', 'wasm', 'cpu'] as const) {
  test(`trains on ${backend} under the policy, with no violation`, async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`/?backend=${backend}`);
    const status = page.getByRole('status');
    await expect(status).toContainText('ready');
    await expect(status).toContainText(backend === 'webgl' ? 'WebGL' : backend === 'wasm' ? 'WASM' : 'CPU');
    await page.getByRole('button', { name: 'Train' }).click();
    await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Pause' }).click();
    // the equations (KaTeX) and the views have drawn meanwhile
    violations.push(...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)));
    expect(violations).toEqual([]);
  });
}
