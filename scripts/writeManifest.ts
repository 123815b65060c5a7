// `npm run manifest`: writes package.json's `contributes.commands` and `contributes.menus` from the command table
// (client/commandTable.ts through client/commandManifest.ts). test/unit/commandTable.test.ts fails when the committed
// package.json differs from what this writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withCommandContributions } from '../client/commandManifest';

const target = join(__dirname, '..', 'package.json');
const current = readFileSync(target, 'utf8');
const rendered = withCommandContributions(current);
if (current === rendered) {
  console.log('package.json commands and menus are up to date');
} else {
  writeFileSync(target, rendered);
  console.log('package.json commands and menus regenerated from client/commandTable.ts');
}
