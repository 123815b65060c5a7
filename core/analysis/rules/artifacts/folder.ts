/**
 * The artifacts-folder rules (https://experienceleague.adobe.com/en/docs/experience-platform/sources/sources-sdk/api/submit,
 * https://experienceleague.adobe.com/en/docs/experience-platform/sources/sources-sdk/config/sourcespec): the five files
 * with one `{source}` prefix, the category key, the label and description text, files too large to read, and
 * consistency with the connection spec's `uiAttributes`. Reported on the artifact files themselves; the icon's
 * content is icon.ts's. Runs over the snapshot's artifacts folders (read with a bound by core/artifacts/loadFolder.ts).
 */
import { parseTree, findNodeAtLocation, type Node } from 'jsonc-parser';
import type { Range } from 'vscode-json-languageservice';
import { artifactPath, folderRoles, type ArtifactFileInput } from '../../../artifacts/folder';
import { ARTIFACT_ROLES, MAX_ARTIFACT_BYTES, expectedName, parseArtifactName } from '../../../artifacts/names';
import { LineIndex } from '../../../artifacts/textPositions';
import type { ArtifactsFolderSnapshot } from '../../../workspace/snapshot';
import { row } from '../../ruleRow';
import { closest } from '../../schemaDiagnostics';
import type { FixData, WorkspaceRule, WorkspaceRuleContext } from '../../types';
import { CATEGORY_KEYS, categoryKeyFor } from '../uiAttributes';
import { BATCH_PROVIDER_ID, STREAMING_PROVIDER_ID } from '../../../spec/wellKnownIds';


export const artifactsFolderRule: WorkspaceRule = {
  table: [
    row('SSDK801', 'error', 'Artifact file missing', 'Add the file the message names: every source submits {source}-category.txt, -description.txt, -icon.svg, -label.txt and -connectionSpec.json.'),
    row('SSDK802', 'error', 'Artifact file named with another source prefix', 'Rename the file to the expected name in the message (all five files share one {source} prefix).'),
    row('SSDK803', 'error', 'Category file empty or more than one line', 'Write exactly one line holding one category key.'),
    row('SSDK804', 'error', 'Unknown category key (did you mean …?)', 'Use a camelCase category key such as `marketingAutomation`, not a display name.'),
    row('SSDK805', 'error', 'Category `streaming` and the spec kind disagree', 'Use `streaming` for generic-streaming specs only, and a batch category for generic-rest specs.'),
    row('SSDK806', 'error', 'Label or description file empty', 'Write the text users see in the sources catalog.'),
    row('SSDK807', 'error', 'Label file has more than one line', 'Put the label on one line.'),
    row('SSDK811', 'warning', 'Category differs from the spec', 'Make `uiAttributes.category.key` and the category file hold the same key.'),
    row('SSDK812', 'warning', 'Label/description text differs from the spec', 'Make `uiAttributes.label.text`/`description.text` and the artifact file say the same.'),
    row('SSDK813', 'error', 'Artifact file too large', 'Replace the file: an icon, label, description or category is a few KiB, and files over 2 MiB are not read.'),
  ],
  run(ctx) {
    for (const folder of ctx.snapshot.artifactsFolders) checkFolder(folder, reporterFor(ctx, folder));
  },
};

type Report = (file: ArtifactFileInput, code: string, message: string, range: Range, data?: FixData) => void;

function reporterFor(ctx: WorkspaceRuleContext, folder: ArtifactsFolderSnapshot): Report {
  return (file, code, message, range, data) => ctx.report({ path: artifactPath(folder.path, file.name), code, message, range, data });
}

function checkFolder(folder: ArtifactsFolderSnapshot, report: Report): void {
  const { prefix, relevant, byRole } = folderRoles(folder);
  if (!prefix || relevant.length === 0) return;
  for (const file of relevant) {
    if (file.tooLarge !== undefined) {
      report(file, 'SSDK813', `${file.name} is ${formatSize(file.tooLarge)}, over the ${formatSize(MAX_ARTIFACT_BYTES)} an artifact ` +
        'file may have (an icon, label or description is a few KiB): it was not read or checked.', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    }
    const parsed = parseArtifactName(file.name);
    if (parsed && parsed.prefix !== prefix) {
      const expected = expectedName(prefix, parsed.role);
      report(file, 'SSDK802', `"${file.name}" does not use the folder's source name "${prefix}": rename it to "${expected}".`,
        firstLine(file.text), { expected });
    }
  }
  const anchor = byRole.get('connectionSpec') ?? relevant[0];
  for (const role of ARTIFACT_ROLES) {
    if (byRole.has(role)) continue;
    const expected = expectedName(prefix, role);
    report(anchor, 'SSDK801', `The artifacts folder has no "${expected}": every source submits ${ARTIFACT_ROLES
      .map((r) => expectedName(prefix, r)).join(', ')}.`, firstLine(anchor.text), { expected });
  }
  // A file too large to read is present (never "missing") but has no content to check.
  const readable = (role: (typeof ARTIFACT_ROLES)[number]) => {
    const file = byRole.get(role);
    return file?.tooLarge === undefined ? file : undefined;
  };
  const spec = specFacts(readable('connectionSpec')?.text);
  const category = readable('category');
  const categoryKey = category ? checkCategory(category, spec, report) : undefined;
  for (const role of ['label', 'description'] as const) {
    const file = readable(role);
    if (file) checkText(file, role, spec, report);
  }
  if (category && categoryKey !== undefined && spec.categoryKey !== undefined && spec.categoryKey !== categoryKey) {
    report(category, 'SSDK811', `The spec's sourceSpec.attributes.uiAttributes.category.key is "${spec.categoryKey}" but ` +
      `${category.name} says "${categoryKey}": make them the same.`, firstLine(category.text));
  }
}

/** What the artifact rules need from the connection spec (all optional: the spec may be missing or broken). */
interface SpecFacts {
  streaming?: boolean;
  categoryKey?: string;
  labelText?: string;
  descriptionText?: string;
}

function specFacts(text: string | undefined): SpecFacts {
  if (text === undefined) return {};
  const root = parseTree(text);
  if (!root || root.type !== 'object') return {};
  const str = (path: Array<string | number>): string | undefined => {
    const node: Node | undefined = findNodeAtLocation(root, path);
    return node?.type === 'string' ? String(node.value) : undefined;
  };
  const type = str(['type']);
  const provider = str(['providerId']);
  const streaming = type === 'generic-streaming' || provider === STREAMING_PROVIDER_ID ? true
    : type === 'generic-rest' || provider === BATCH_PROVIDER_ID ? false : undefined;
  const ui = ['sourceSpec', 'attributes', 'uiAttributes'];
  return {
    streaming,
    categoryKey: str([...ui, 'category', 'key']),
    labelText: str([...ui, 'label', 'text']),
    descriptionText: str([...ui, 'description', 'text']),
  };
}

/** Lines of a text, without the one trailing line end that editors add. */
function linesOf(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The category key the file holds (valid or not), for the consistency check; undefined when empty. */
function checkCategory(file: ArtifactFileInput, spec: SpecFacts, report: Report): string | undefined {
  const index = new LineIndex(file.text);
  const lines = linesOf(file.text);
  const nonEmpty = lines.map((line, i) => ({ line: line.trim(), i })).filter((l) => l.line.length > 0);
  if (nonEmpty.length === 0) {
    report(file, 'SSDK803', `${file.name} is empty: write one category key, e.g. marketingAutomation.`, index.lineRange(0));
    return undefined;
  }
  if (nonEmpty.length > 1) {
    report(file, 'SSDK803', `${file.name} must hold one line with one category key; found ${nonEmpty.length} lines.`,
      index.lineRange(nonEmpty[1].i));
  }
  const { line: value, i } = nonEmpty[0];
  const range = index.lineRange(i);
  if (!CATEGORY_KEYS.includes(value)) {
    const key = categoryKeyFor(value) ?? closest(value, CATEGORY_KEYS, 1, true)[0];
    report(file, 'SSDK804', key
      ? `"${value}" is not a category key: did you mean "${key}"?`
      : `"${value}" is not a category key: use one of ${CATEGORY_KEYS.join(', ')}.`, range, key ? { candidates: [key] } : undefined);
  }
  if (value === 'streaming' && spec.streaming === false) {
    report(file, 'SSDK805', 'The category "streaming" is only for streaming sources, and this spec is a batch one (generic-rest).', range);
  } else if (value !== 'streaming' && spec.streaming === true) {
    report(file, 'SSDK805', `Streaming sources use the category "streaming", not "${value}" (the spec is generic-streaming).`, range,
      { candidates: ['streaming'] });
  }
  return value;
}

function checkText(file: ArtifactFileInput, role: 'label' | 'description', spec: SpecFacts, report: Report): void {
  const index = new LineIndex(file.text);
  const trimmed = file.text.trim();
  if (trimmed.length === 0) {
    report(file, 'SSDK806', `${file.name} is empty: write the ${role} users see in the sources catalog.`, index.lineRange(0));
    return;
  }
  if (role === 'label' && /[\r\n]/.test(trimmed)) {
    const lines = linesOf(file.text);
    const second = lines.findIndex((line, i) => i > 0 && line.trim().length > 0);
    report(file, 'SSDK807', `${file.name} must be one line: the label is the source's name on its catalog card.`, index.lineRange(Math.max(1, second)));
  }
  const specText = role === 'label' ? spec.labelText : spec.descriptionText;
  if (specText !== undefined && specText.trim() !== trimmed) {
    report(file, 'SSDK812', `The spec's uiAttributes.${role}.text ("${shorten(specText)}") differs from ${file.name} ` +
      `("${shorten(trimmed)}"): use the same text.`, index.lineRange(0));
  }
}

function firstLine(text: string): Range {
  return new LineIndex(text).lineRange(0);
}

/** A byte count for messages: 2.5 GiB, 64 MiB, 900 KiB. */
function formatSize(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toFixed(1))} ${units[unit]}`;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 50 ? `${oneLine.slice(0, 47)}…` : oneLine;
}
