/**
 * Tables of docs/emulator.md generated from the code that decides them (`npm run docs` writes them between
 * `<!-- generated:NAME -->` and `<!-- end generated:NAME -->`; test/unit/flowResources.test.ts fails when the
 * committed page differs).
 */
import { FLOW_RESOURCE_LIST, linkPathOf } from '../core/api/flowResources';

/** The Flow Service resources the emulator serves, from the flow-resources table. */
export function renderFlowResourcesTable(): string {
  const lines = [
    '| resource | path (below the platform URL) | on `/{id}` | `property` and `orderby` fields | etag + `If-Match` |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const row of FLOW_RESOURCE_LIST) {
    const fields = [...row.fields, ...row.fieldPrefixes.map((prefix) => `${prefix}*`)].map((field) => `\`${field}\``).join(', ');
    const single = row.wrapSingle ? '' : ' (GET answers the item itself, not `{items}`)';
    lines.push(`| ${row.label} (\`${linkPathOf(row.resource)}\`) | \`${row.path}\` | ${row.itemMethods.join(', ')}${single} | ${fields} | ${row.versioned ? 'yes' : 'no'} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** Replaces the text between the markers of `name` in `doc` (the text of `page`); throws when the markers are missing. */
export function replaceGenerated(doc: string, name: string, content: string, page = 'docs/emulator.md'): string {
  const start = `<!-- generated:${name} -->\n`;
  const end = `<!-- end generated:${name} -->`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${page} has no ${start.trim()} … ${end} section`);
  return `${doc.slice(0, from + start.length)}${content}${doc.slice(to)}`;
}
