import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { platformConnectionSpecs } from '../../emulator/platformSpecs';
import { withEmulator, sampleConnectionSpec, TEST_ORG_ID, type CallResult } from './helpers/emulator';
import type { LooseJson } from '../helpers/looseJson';

const SPEC_COUNT = 2000;

describe('emulator at scale', () => {
  test(`${SPEC_COUNT} persisted specs: every page of the listing, 200 concurrent GETs`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ssdk-emu-scale-'));
    try {
      await withEmulator({ dataDir, seed: false }, async (emu) => {
        // Fill through the store (durable, same code path as POST) to keep the test about reads.
        const scope = { orgId: TEST_ORG_ID, sandboxName: 'prod' };
        const created = await Promise.all(
          Array.from({ length: SPEC_COUNT }, (_, i) =>
            emu.emulator.store.specs.create(scope, 'connectionSpecs', sampleConnectionSpec(`Scale ${i}`), 'bench'),
          ),
        );
        assert.equal(created.length, SPEC_COUNT);
        // Warm up the HTTP connection and the code paths once; the budget is for the listing itself.
        assert.equal((await emu.call('GET', '/connectionSpecs?limit=1')).status, 200);

        // Its speed is measured by npm run bench (listing 2,000 specs), not here: wall-clock bounds flake on a busy machine.
        {
          let href: string | undefined = '/connectionSpecs?limit=100';
          let total = 0;
          let pages = 0;
          while (href) {
            const page: CallResult = await emu.call('GET', href);
            assert.equal(page.status, 200);
            total += page.body.items.length;
            pages++;
            href = page.body._links?.next?.href;
          }
          // Plus the platform's own connection specs (the data lake), listed in every sandbox.
          assert.equal(total, SPEC_COUNT + platformConnectionSpecs().length);
          assert.equal(pages, Math.ceil((SPEC_COUNT + platformConnectionSpecs().length) / 100));
        }

        const filtered = await emu.call('GET', `/connectionSpecs?property=${encodeURIComponent('name==Scale 1999,Scale 7')}`);
        assert.deepEqual(filtered.body.items.map((s: LooseJson) => s.name).sort(), ['Scale 1999', 'Scale 7']);

        const ids = created.slice(0, 200).map((s) => s.id);
        const results = await Promise.all(ids.map((id) => emu.call('GET', `/connectionSpecs/${id}`)));
        assert.ok(results.every((r) => r.status === 200));
        assert.deepEqual(results.map((r) => r.body.items[0].id), ids);
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
