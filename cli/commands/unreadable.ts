/**
 * Folders (and links) below a `validate` argument that cannot be read. tinyglobby, like most globbers, skips
 * them silently, so `validate specs/` exited 0 in CI with a whole unreadable subfolder never checked.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { isIgnoredFolder } from '../../core/files/ignoredFolders';


/**
 * One message per entry below `root` that cannot be read: `<path>: cannot read (<code>)`. `maxDepth` limits how many
 * folder levels below `root` are entered (0: only `root` itself is read), as a glob pattern without `**` would.
 */
export async function unreadableBelow(root: string, maxDepth = Infinity): Promise<string[]> {
  const problems: string[] = [];
  const visited = new Set<string>();
  const pending: Array<{ dir: string; depth: number }> = [{ dir: root, depth: 0 }];
  while (pending.length > 0) {
    const { dir, depth } = pending.pop()!;
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
      // As the validate walk's glob: the ignored folders' table, and dot-folders.
      if (entry.name.startsWith('.') || isIgnoredFolder(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < maxDepth) pending.push({ dir: path, depth: depth + 1 });
      } else if (entry.isSymbolicLink()) {
        try {
          if ((await fs.stat(path)).isDirectory() && depth < maxDepth) pending.push({ dir: path, depth: depth + 1 });
        } catch (err) {
          // A dangling link or a loop: only worth an error where a spec could hide (a folder or a .json file).
          const code = (err as NodeJS.ErrnoException).code;
          if ((code === 'ELOOP' && depth < maxDepth) || entry.name.endsWith('.json')) problems.push(`${path}: cannot read (${code ?? String(err)})`);
        }
      }
    }
  }
  return problems.sort();
}

/**
 * Where a glob pattern starts reading and how deep it goes: the folder before its first dynamic segment, and the
 * folder levels below it the pattern can enter (unbounded once a segment holds a globstar). For example
 * `specs/*.json` starts in `specs` and enters nothing below it; `specs/<star>/x.json` enters one level; a pattern
 * whose first segment is dynamic starts in `.`. `isDynamic` tells a dynamic segment (tinyglobby's test).
 */
export function globWalk(pattern: string, isDynamic: (segment: string) => boolean): { base: string; maxDepth: number } {
  const segments = pattern.split('/');
  let first = segments.findIndex((segment) => isDynamic(segment));
  if (first < 0) first = segments.length - 1;
  const baseSegments = segments.slice(0, first);
  const base = baseSegments.length === 0 ? '.' : baseSegments.join('/') || '/';
  const dynamic = segments.slice(first);
  return { base, maxDepth: dynamic.some((segment) => segment.includes('**')) ? Infinity : dynamic.length - 1 };
}
