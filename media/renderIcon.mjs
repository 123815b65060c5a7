import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
const [svg, out, size] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: Number(size), height: Number(size) } });
await page.setContent(`<html><body style="margin:0;background:transparent">${readFileSync(svg, 'utf8')}</body></html>`);
await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: Number(size), height: Number(size) } });
await browser.close();
