/** Artifacts folders written for the tests: a clean batch folder and helpers to break one rule at a time. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArtifactFileInput } from '../../../core/artifacts';

const VALID = join(__dirname, '..', '..', 'fixtures', 'valid');

/** A clean icon: an SVG root with a viewBox, a local gradient reference, nothing active. */
export const CLEAN_ICON = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 32 32" width="32" height="32">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#1473e6"/></linearGradient></defs>
  <circle cx="16" cy="16" r="14" fill="url(#g)"/>
  <use xlink:href="#g"/>
</svg>
`;

/** The acme-crm fixture with `text` references (testing form) so label/description consistency can be checked. */
export function acmeSpec(edit?: (spec: Record<string, any>) => void): string {
  const spec = JSON.parse(readFileSync(join(VALID, 'acme-crm-connectionSpec.json'), 'utf8'));
  spec.sourceSpec.attributes.uiAttributes.label = { text: 'Acme CRM' };
  spec.sourceSpec.attributes.uiAttributes.description = { text: 'Contacts from Acme CRM lists.' };
  edit?.(spec);
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/** The five files of a clean folder for source `acme`, as name → text. */
export function cleanFiles(): Record<string, string> {
  return {
    'acme-category.txt': 'crm\n',
    'acme-description.txt': 'Contacts from Acme CRM lists.\n',
    'acme-icon.svg': CLEAN_ICON,
    'acme-label.txt': 'Acme CRM\n',
    'acme-connectionSpec.json': acmeSpec(),
  };
}

/** Name → text as checker input. */
export function asInput(files: Record<string, string | Uint8Array>): ArtifactFileInput[] {
  return Object.entries(files).map(([name, content]) => typeof content === 'string'
    ? { name, text: content }
    : { name, text: Buffer.from(content).toString('utf8'), bytes: content });
}

/** A PNG file's first bytes (signature + IHDR start): what a renamed PNG looks like. */
export const PNG_BYTES = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

/** A JPEG file's first bytes (SOI + APP0 JFIF). */
export const JPEG_BYTES = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
