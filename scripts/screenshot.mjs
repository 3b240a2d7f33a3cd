// A screenshot of the app for looking at a view while developing (not a test):
//   npm run preview &   # or npm run dev
//   node scripts/screenshot.mjs http://127.0.0.1:4173/?cell=gru OUT.png [trainSeconds] [CSS selector of the part to shoot]
// Waits for "ready", optionally trains for a few seconds, then shoots the page (or one part of it).
// Uses Debian's Chromium with the same flags as the end-to-end tests (e2e/chromium.ts).
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
