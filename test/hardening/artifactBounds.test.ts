// Issue 18, item 11: artifact files were read whole before the 2 MiB cut: a 1.5 GB description took `validate` to
// 1.6 GB, a 1 GB file beside an open one kept the language server at 1.09 GB, and a file over 2 GiB (which Node
// refuses to read whole) was reported as missing. Now the size comes first and at most the cap plus one byte is
// read; a file over the cap is reported as too large (SSDK813), never as missing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkArtifactsFolderOnDisk, checkFolderWith, nodeFolderReader, type FolderReader } from '../../core/artifacts';
import { MAX_ARTIFACT_BYTES } from '../../core/artifacts/names';
import { cleanFiles } from '../unit/artifacts/folders';
import { tempFolders } from '../helpers/tempFolders';
import { TestLspClient } from '../lsp/lspClient';

const GiB = 1024 ** 3;
const temp = tempFolders();

/** A clean artifacts folder whose `name` is replaced by a sparse file of `size` bytes (no disk space used). */
function folderWithHugeFile(name: string, size: number): string {
  const folder = join(temp('hardening-artifacts-'), 'Sources', 'acme', 'Artifacts');
  mkdirSync(folder, { recursive: true });
  for (const [file, text] of Object.entries(cleanFiles())) writeFileSync(join(folder, file), text);
  writeFileSync(join(folder, name), '');
  truncateSync(join(folder, name), size);
  return folder;
}

const codesOf = (result: Awaited<ReturnType<typeof checkArtifactsFolderOnDisk>>, suffix: string) =>
  result!.files.find((f) => f.path.endsWith(suffix))!.diagnostics.map((d) => String(d.code));

describe('artifact files are read with a bound', () => {
  test('a description over 2 GiB is too large (SSDK813), not missing (SSDK801)', async () => {
    const result = await checkArtifactsFolderOnDisk(folderWithHugeFile('acme-description.txt', 2.5 * GiB));
    const all = result!.files.flatMap((f) => f.diagnostics.map((d) => String(d.code)));
    assert.ok(!all.includes('SSDK801'), `nothing is missing: ${all.join(', ')}`);
    assert.deepEqual(codesOf(result, 'acme-description.txt'), ['SSDK813']);
    const [finding] = result!.files.find((f) => f.path.endsWith('acme-description.txt'))!.diagnostics;
    assert.match(String(finding.message), /2\.5 GiB.*over the 2 MiB/);
  });

  test('at most the cap plus one byte of a file is read, whatever its size', async () => {
    const folder = folderWithHugeFile('acme-label.txt', 64 * 1024 * 1024);
    const read: Array<{ path: string; bytes: number }> = [];
    const counting: FolderReader = {
      listFiles: (path) => nodeFolderReader.listFiles(path),
      async readFile(path, maxBytes) {
        const head = await nodeFolderReader.readFile(path, maxBytes);
        // Today's reader returned the bytes themselves; count whatever came back.
        const bytes = head ? ((head as { bytes?: Uint8Array }).bytes ?? (head as unknown as Uint8Array)).length : 0;
        read.push({ path, bytes });
        return head;
      },
    };
    const result = await checkFolderWith(folder, counting);
    assert.deepEqual(codesOf(result, 'acme-label.txt'), ['SSDK813']);
    const label = read.find((r) => r.path.endsWith('acme-label.txt'))!;
    assert.ok(label.bytes <= MAX_ARTIFACT_BYTES + 1, `read ${label.bytes} bytes of the 64 MiB label`);
    // The other files are read whole as before: the clean description still matches the spec.
    assert.deepEqual(codesOf(result, 'acme-description.txt'), []);
  });

  describe('language server', () => {
    let client: TestLspClient;
    let folder: string;
    before(async () => {
      folder = folderWithHugeFile('acme-description.txt', GiB);
      client = new TestLspClient();
      await client.initialize();
    });
    after(() => client?.kill());

    test('a 1 GiB unopened sibling is reported too large and never loaded into the server', async () => {
      const description = pathToFileURL(join(folder, 'acme-description.txt')).href;
      const published = client.waitForDiagnostics(description, (p) => p.diagnostics.length > 0);
      await client.open(pathToFileURL(join(folder, 'acme-label.txt')).href, 'plaintext', 'Acme CRM\n');
      assert.deepEqual((await published).diagnostics.map((d) => d.code), ['SSDK813']);
      // The server's peak resident memory (Linux /proc) stays far below the file's size.
      const status = readFileSync(`/proc/${client.process.pid}/status`, 'utf8');
      const peakKiB = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
      assert.ok(peakKiB > 0 && peakKiB < 400 * 1024, `server peak ${Math.round(peakKiB / 1024)} MiB`);
    });
  });
});
