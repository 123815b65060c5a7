// Headless Debian Chromium driven by playwright-core: the window a user would look at, without a display.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';

const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Path of a local Chromium, or a clear error naming the Debian package. */
export function findChromium() {
  const found = CHROMIUM_CANDIDATES.find((p) => p && existsSync(p));
  if (!found) throw new Error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
  return found;
}

/**
 * Launches headless Chromium with a fresh profile (playwright's launch uses a temporary user-data-dir).
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function launchChromium() {
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Containers often have a tiny /dev/shm; Chromium then crashes without this.
      '--disable-dev-shm-usage',
    ],
  });
}
