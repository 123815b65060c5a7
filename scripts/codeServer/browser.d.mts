// Types of browser.mjs for the TypeScript tests and bench that launch the same Chromium.
import type { Browser } from 'playwright-core';

export function findChromium(): string;
export function launchChromium(): Promise<Browser>;
