// Ad-hoc screenshot helper for development: node e2e/shot.mjs URL OUT.png [trainSeconds] [CSS selector of the part to shoot]
import { chromium } from '@playwright/test';
const [url, out, seconds = '0', selector] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--enable-unsafe-swiftshader'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.on('console', (m) => console.log('console:', m.type(), m.text().slice(0, 300)));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(url);
await page.getByRole('status').filter({ hasText: /ready/ }).waitFor({ timeout: 60000 });
if (Number(seconds) > 0) {
  await page.getByRole('button', { name: 'Train' }).click();
  await page.waitForTimeout(Number(seconds) * 1000);
}
console.log('status:', await page.getByRole('status').textContent());
if (selector) await page.locator(selector).first().screenshot({ path: out });
else await page.screenshot({ path: out, fullPage: true });
await browser.close();
