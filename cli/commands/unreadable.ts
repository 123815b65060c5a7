/**
 * Folders (and links) below a `validate` argument that cannot be read. tinyglobby, like most globbers, skips
 * them silently, so `validate specs/` exited 0 in CI with a whole unreadable subfolder never checked.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

/** Folder names the validate walk ignores (as its glob does); dot-folders are skipped too. */
const SKIPPED = new Set(['node_modules', '.git', 'dist']);

/** One message per entry below `root` that cannot be read: `<path>: cannot read (<code>)`. */
export async function unreadableBelow(root: string): Promise<string[]> {
  const problems: string[] = [];
  const visited = new Set<string>();
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let real: string;
    let entries;
    try {
      real = await fs.realpath(dir);
      if (visited.has(real)) continue; // a link back up the tree
      visited.add(real);
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      problems.push(`${dir}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      continue;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || SKIPPED.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        pending.push(path);
      } else if (entry.isSymbolicLink()) {
        try {
          if ((await fs.stat(path)).isDirectory()) pending.push(path);
        } catch (err) {
          // A dangling link or a loop: only worth an error where a spec could hide (a folder or a .json file).
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'ELOOP' || entry.name.endsWith('.json')) problems.push(`${path}: cannot read (${code ?? String(err)})`);
        }
      }
    }
  }
  return problems.sort();
}
