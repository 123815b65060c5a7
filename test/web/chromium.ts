/**
 * Debian's Chromium through playwright-core, headless and offline (shared by the web tests and `npm run bench`).
 * Pages are served by request interception (`page.route`) from an origin that never reaches the network.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The browser the lead installed (`apt-get install chromium`); override with SOURCES_SDK_CHROMIUM. */
export const CHROMIUM_PATH = process.env.SOURCES_SDK_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-dev-shm-usage',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set SOURCES_SDK_CHROMIUM)`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
