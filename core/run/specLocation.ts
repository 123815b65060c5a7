/**
 * Where a spec path (`sourceSpec.attributes.paginationParams.maximumRequest`, dot-separated, numbers for array
 * indexes) is in a spec's text, so a warning can link to it. A path that does not exist in the text points at its
 * deepest existing part (the warning is still about that block).
 */
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';

/** Offset and length of the property (key and value) at `specPath`, or of the deepest existing part of it. */
export function locateSpecPath(text: string, specPath: string): { offset: number; length: number } | undefined {
  const tree = parseTree(text);
  if (!tree) return undefined;
  const segments = specPath.split('.').filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  for (let n = segments.length; n >= 0; n--) {
    const node: Node | undefined = n === 0 ? tree : findNodeAtLocation(tree, segments.slice(0, n));
    if (!node) continue;
    const target = node.parent?.type === 'property' ? node.parent : node;
    return { offset: target.offset, length: target.length };
  }
  return undefined;
}
