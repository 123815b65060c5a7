/**
 * The artifacts-folder checks (https://experienceleague.adobe.com/en/docs/experience-platform/sources/sources-sdk/api/submit, https://experienceleague.adobe.com/en/docs/experience-platform/sources/sources-sdk/config/sourcespec): the five files with one `{source}` prefix, the category key,
 * label and description text, a safe SVG icon, and consistency with the connection spec's `uiAttributes`.
 * Pure: the caller reads the folder (see `nodeFolder.ts`) and places the diagnostics on each file.
 */
import { parseTree, findNodeAtLocation, type Node } from 'jsonc-parser';
import type { Diagnostic } from 'vscode-json-languageservice';
import { row, rowsByCode, severityNumber, type RuleDoc } from '../analysis/ruleRow';
import { CATEGORY_KEYS, categoryKeyFor } from '../analysis/rules/uiAttributes';
import { closest } from '../analysis/schemaDiagnostics';
import { DIAGNOSTIC_SOURCE, type FixData } from '../analysis/types';
import { ARTIFACT_ROLES, MAX_ARTIFACT_BYTES, expectedName, isTextOrSvg, parseArtifactName, sourcePrefix, type ArtifactRole } from './names';
import { checkSvg, ICON_TABLE } from './svgCheck';
import { LineIndex } from './textPositions';
import { BATCH_PROVIDER_ID, STREAMING_PROVIDER_ID } from '../spec/wellKnownIds';

/** One file of the folder. `bytes` (when read from disk) lets a renamed PNG/JPEG be told apart from text. */
export interface ArtifactFileInput {
  name: string;
  text: string;
  bytes?: Uint8Array;
  /** The file's size when it is over the cap and was not read (`text` is then empty): reported as too large. */
  tooLarge?: number;
}

/** A folder to check: its name, its parent's name (`Sources/{source}/Artifacts`) and its files. */
export interface ArtifactsFolderInput {
  folderName: string;
  parentName?: string;
  files: readonly ArtifactFileInput[];
}

/** The diagnostics of one file of the folder; files without findings are listed too (so editors can clear them). */
export interface ArtifactFileDiagnostics {
  file: string;
  diagnostics: Diagnostic[];
}

/** The artifacts-folder checks' rule-table rows (reported on the artifact files themselves; the icon's are in svgCheck.ts). */
export const ARTIFACTS_FOLDER_TABLE: readonly RuleDoc[] = [
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
];

const ROWS = rowsByCode(ARTIFACTS_FOLDER_TABLE, ICON_TABLE);

/** Runs every artifacts rule over one folder. */
export function checkArtifactsFolder(folder: ArtifactsFolderInput): ArtifactFileDiagnostics[] {
  const relevant = folder.files.filter((f) => isTextOrSvg(f.name) || parseArtifactName(f.name)?.role === 'connectionSpec')
    .slice().sort((a, b) => a.name.localeCompare(b.name));
  const prefix = sourcePrefix(relevant.map((f) => f.name), folder.parentName);
  const out = new Map<string, Diagnostic[]>(relevant.map((f) => [f.name, []]));
  if (!prefix || relevant.length === 0) return [...out].map(([file, diagnostics]) => ({ file, diagnostics }));
  const report = (file: ArtifactFileInput, code: string, message: string, range: Diagnostic['range'], data?: FixData) => {
    out.get(file.name)?.push(makeDiagnostic(code, message, range, data));
  };

  for (const file of relevant) {
    if (file.tooLarge !== undefined) {
      report(file, 'SSDK813', `${file.name} is ${formatSize(file.tooLarge)}, over the ${formatSize(MAX_ARTIFACT_BYTES)} an artifact ` +
        'file may have (an icon, label or description is a few KiB): it was not read or checked.', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    }
  }
  // Which file plays which role: the correctly named one, else one with another prefix (reported below).
  const byRole = new Map<ArtifactRole, ArtifactFileInput>();
  for (const file of relevant) {
    const parsed = parseArtifactName(file.name);
    if (!parsed) continue;
    if (parsed.prefix !== prefix) {
      const expected = expectedName(prefix, parsed.role);
      report(file, 'SSDK802', `"${file.name}" does not use the folder's source name "${prefix}": rename it to "${expected}".`,
        firstLine(file.text), { expected });
      if (!byRole.has(parsed.role)) byRole.set(parsed.role, file);
    } else {
      byRole.set(parsed.role, file);
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
  for (const [role, file] of byRole) if (file.tooLarge !== undefined) byRole.delete(role);
  const spec = specFacts(byRole.get('connectionSpec')?.text);
  const category = byRole.get('category');
  const categoryKey = category ? checkCategory(category, spec, report) : undefined;
  for (const role of ['label', 'description'] as const) {
    const file = byRole.get(role);
    if (file) checkText(file, role, spec, report);
  }
  const icon = byRole.get('icon');
  if (icon) {
    const index = new LineIndex(icon.text);
    for (const finding of checkSvg(icon.text, icon.bytes)) report(icon, finding.code, finding.message, index.range(finding.start, finding.end));
  }
  if (category && categoryKey !== undefined && spec.categoryKey !== undefined && spec.categoryKey !== categoryKey) {
    report(category, 'SSDK811', `The spec's sourceSpec.attributes.uiAttributes.category.key is "${spec.categoryKey}" but ` +
      `${category.name} says "${categoryKey}": make them the same.`, firstLine(category.text));
  }
  return [...out].map(([file, diagnostics]) => ({ file, diagnostics }));
}

type Report = (file: ArtifactFileInput, code: string, message: string, range: Diagnostic['range'], data?: FixData) => void;

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

function firstLine(text: string): Diagnostic['range'] {
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

function makeDiagnostic(code: string, message: string, range: Diagnostic['range'], data?: FixData): Diagnostic {
  const severity = severityNumber(ROWS.get(code)?.severity ?? 'error');
  return { range, severity, code, source: DIAGNOSTIC_SOURCE, message, ...(data ? { data } : {}) };
}
