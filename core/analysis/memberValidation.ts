/**
 * Schema validation that re-checks only what an edit touches. The raw schema problems of the last version of each
 * document are kept with their offsets, per top-level member (`sourceSpec`, `authSpec`, …). When the new text differs
 * from that version inside one member only — the same top-level keys in the same order, the same values of the keys
 * the root schema branches on (`type`), no syntax error and no comment on either side — only that member is validated
 * again (beside the branch keys, against the same root schema) and every other problem is kept, moved by the edit's
 * length. An edit between members (white space) only moves them. Anything else is a full validation. A letter
 * typed in a string narrows further, below the member down to that string (pathValidation.ts), or needs no
 * validation at all when the string is judged by its type alone.
 *
 * Why this is exact: a JSON Schema's verdict on one member depends on the member and on what the root schema
 * branches on, nothing else, as long as the root schema only has `properties`, `required`, `additionalProperties` and
 * `allOf` of `if`/`then`/`else` (checked per schema; another root makes every validation full). Problems about the
 * root itself (a missing required key) depend on the key set and the branch values, which did not change.
 * test/unit/memberValidation.test.ts checks it on random edits against full validation.
 */
import type { ASTNode, Diagnostic, JSONDocument, JSONSchema, ObjectASTNode, PropertyASTNode, StringASTNode, TextDocument } from 'vscode-json-languageservice';
import { narrowedMember, propertyWithValue } from './pathValidation';
import { changedRegion, type ChangedRegion, type EditFrom } from './textEdit';
import { movedDiagnostic, mover, type PlacedDiagnostic } from './treeEdit';

/** A raw problem with its offsets in the text it was found in. */
type Problem = PlacedDiagnostic;

/** A top-level member: its key and the offsets of the whole property (key to end of value). */
interface Member {
  key: string;
  start: number;
  end: number;
}

/** What is remembered of the last validated version of a document. */
interface Validated {
  schemaKey: string;
  text: string;
  members: Member[];
  problems: Problem[];
}

/** Root keywords the member-wise validation understands; a schema with any other keeps every validation full. */
const ROOT_KEYWORDS = new Set(['$schema', '$id', 'id', 'title', 'description', 'markdownDescription', 'type', 'required', 'properties',
  'additionalProperties', 'allOf', 'definitions', '$defs', 'defaultSnippets', '$comment', 'examples']);

/**
 * The top-level keys a root schema branches on (the keys its `allOf` items' `if` look at), or undefined when the
 * schema's root is not one the member-wise validation can split.
 */
export function branchKeysOf(schema: JSONSchema): ReadonlySet<string> | undefined {
  if (Object.keys(schema).some((keyword) => !ROOT_KEYWORDS.has(keyword))) return undefined;
  const keys = new Set<string>();
  for (const item of schema.allOf ?? []) {
    if (typeof item !== 'object' || Object.keys(item).some((k) => k !== 'if' && k !== 'then' && k !== 'else')) return undefined;
    const condition = item.if;
    if (condition === undefined) continue;
    if (typeof condition !== 'object' || Object.keys(condition).some((k) => k !== 'properties' && k !== 'required')) return undefined;
    for (const key of Object.keys(condition.properties ?? {})) keys.add(key);
    for (const key of condition.required ?? []) keys.add(key);
  }
  return keys;
}

/** A root schema the member-wise validation can split, with the keys it branches on. */
export interface SplittableSchema {
  schema: JSONSchema;
  branchKeys: ReadonlySet<string>;
}

/** `schema` with its {@link branchKeysOf}, or undefined when it cannot be split. */
export function splittableSchema(schema: JSONSchema): SplittableSchema | undefined {
  const branchKeys = branchKeysOf(schema);
  return branchKeys && { schema, branchKeys };
}

export class MemberValidation {
  private readonly last = new Map<string, Validated>();

  /** `keep`: how many documents' last versions are remembered (the oldest is forgotten first). */
  constructor(private readonly keep = 64) {}

  /**
   * Validations done member-wise and in full since creation, how many of the member-wise ones narrowed down below
   * the member, and how many of those needed no validation at all (for tests and the benchmark).
   */
  readonly counts = { memberwise: 0, full: 0, narrowed: 0, unaffected: 0 };

  /**
   * The raw schema problems of `document` (parsed as `json`): member-wise when the last version allows it, else by
   * `validateDocument(json)`. `schemaKey` names the schema (a kind); `split` is its {@link splittableSchema}.
   * `editedString`: when `edit` only changed the value of this string (treeEdit.ts), the validation narrows down to
   * it below the member (pathValidation.ts).
   */
  async validate(document: TextDocument, json: JSONDocument, schemaKey: string, split: SplittableSchema | undefined,
    validateDocument: (json: JSONDocument) => PromiseLike<Diagnostic[]>, edit?: EditFrom, editedString?: StringASTNode): Promise<Diagnostic[]> {
    const text = document.getText();
    const root = json.root;
    const splittable = split !== undefined && root?.type === 'object' && parseProblems(json) === 0 &&
      !root.properties.some((p) => p.keyNode.value === '$schema');
    const previous = this.last.get(document.uri);
    this.last.delete(document.uri);
    if (!splittable) return validateDocument(json);
    const members = root.properties.map((p): Member => ({ key: p.keyNode.value, start: p.offset, end: p.offset + p.length }));
    const knownEdit = previous !== undefined && edit?.before === previous.text;
    const problems = previous && previous.schemaKey === schemaKey
      ? await this.memberwise(document, json, root, members, previous, split, validateDocument,
        knownEdit ? edit.region : changedRegion(previous.text, text), knownEdit ? editedString : undefined)
      : undefined;
    const kept = problems ?? (await validateDocument(json)).map((diagnostic) => problemOf(document, diagnostic));
    if (problems) this.counts.memberwise++;
    else this.counts.full++;
    this.last.set(document.uri, { schemaKey, text, members, problems: kept });
    if (this.last.size > this.keep) this.last.delete(this.last.keys().next().value as string);
    return kept.map((p) => p.diagnostic);
  }

  /** Forgets a document (on close). */
  forget(uri: string): void {
    this.last.delete(uri);
  }

  /** The document changed by white space between tokens only (treeEdit.ts): its problems just move. */
  moved(document: TextDocument, before: string, region: ChangedRegion): void {
    const last = this.last.get(document.uri);
    if (!last || last.text !== before) return;
    const move = mover(region);
    const problems = last.problems.map((p) => movedDiagnostic(document, p, region));
    const members = last.members.map((m) => ({ key: m.key, start: move.start(m.start), end: move.end(m.end) }));
    this.last.set(document.uri, { ...last, text: document.getText(), members, problems });
  }

  /** The problems found member-wise, or undefined when this edit needs a full validation. */
  private async memberwise(document: TextDocument, json: JSONDocument, root: ObjectASTNode, members: Member[], previous: Validated,
    split: SplittableSchema, validateDocument: (json: JSONDocument) => PromiseLike<Diagnostic[]>, edit: ChangedRegion,
    editedString: StringASTNode | undefined): Promise<Problem[] | undefined> {
    const { branchKeys } = split;
    if (members.length !== previous.members.length || members.some((m, i) => m.key !== previous.members[i].key)) return undefined;
    const moved = (p: Problem): Problem => movedDiagnostic(document, p, edit);
    // An edit outside every member (white space between them) changes no value: the problems only move.
    const inside = members.findIndex((m, i) => overlaps(m, edit.start, edit.newEnd) || overlaps(previous.members[i], edit.start, edit.oldEnd));
    if (inside < 0) return previous.problems.map(moved);
    const member = members[inside];
    const old = previous.members[inside];
    // The edit must lie within the member's value (its key and the members around it unchanged), and not in a key
    // the root schema branches on (that changes which rules apply to the other members).
    if (!(member.start < edit.start && edit.newEnd < member.end && old.start < edit.start && edit.oldEnd < old.end)) return undefined;
    if (branchKeys.has(member.key)) return undefined;
    // Below the member, down the path to an edited string as far as the schema allows (pathValidation.ts).
    const property = root.properties[inside];
    const narrowed = editedString && isWithin(editedString, property) ? narrowedMember(split.schema, property, editedString) : undefined;
    if (narrowed) this.counts.narrowed++;
    // Typed in a string no schema judges by its text: every verdict stands, only moved.
    if (narrowed?.unaffected) {
      this.counts.unaffected++;
      return previous.problems.map(moved);
    }
    const memberProperty = narrowed ? propertyWithValue(property, narrowed.value()) : property;
    const properties = root.properties.map((p, i) => (i === inside ? memberProperty : p)).filter((p, i) => i === inside || branchKeys.has(p.keyNode.value));
    // The problems found again are those inside the validated scope; the previous ones inside it are replaced.
    const scope = narrowed ? { start: narrowed.scope.offset, end: narrowed.scope.offset + narrowed.scope.length } : member;
    const oldScope = narrowed ? { start: scope.start, end: scope.end - (edit.newEnd - edit.oldEnd) } : old;
    const raw = await validateDocument(withRootProperties(json, root, properties));
    const fresh = raw.map((diagnostic) => problemOf(document, diagnostic)).filter((p) => p.start >= scope.start && p.end <= scope.end);
    const kept = previous.problems.filter((p) => !(p.start >= oldScope.start && p.end <= oldScope.end)).map(moved);
    return [...kept, ...fresh];
  }
}

/**
 * How many syntax errors and comments the parse found (fields of the language service's JSONDocument its typings
 * leave out); undefined if the library stops having them, which keeps every validation full.
 */
export function parseProblems(json: JSONDocument): number | undefined {
  const { syntaxErrors, comments } = json as unknown as { syntaxErrors?: unknown; comments?: unknown };
  return Array.isArray(syntaxErrors) && Array.isArray(comments) ? syntaxErrors.length + comments.length : undefined;
}

/** Whether `node` lies in `ancestor`'s subtree (by parent links). */
function isWithin(node: ASTNode, ancestor: ASTNode): boolean {
  for (let at: ASTNode | undefined = node; at; at = at.parent) if (at === ancestor) return true;
  return false;
}

function problemOf(document: TextDocument, diagnostic: Diagnostic): Problem {
  return { start: document.offsetAt(diagnostic.range.start), end: document.offsetAt(diagnostic.range.end), diagnostic };
}

/** Whether the region `[start, end)` touches the member; an empty region (an insertion point) only strictly inside it. */
function overlaps(member: Member, start: number, end: number): boolean {
  return end > start ? member.start < end && start < member.end : member.start < start && start < member.end;
}

/**
 * The parsed document seen with a root object that holds only `properties` (same offsets, same nodes): what the
 * language service validates when only those members need it.
 */
function withRootProperties(json: JSONDocument, root: ObjectASTNode, properties: PropertyASTNode[]): JSONDocument {
  const partial: ObjectASTNode = {
    type: 'object', offset: root.offset, length: root.length, parent: undefined, properties,
    get children(): ASTNode[] { return properties; },
  };
  return Object.create(json, {
    root: { value: partial },
    syntaxErrors: { value: [] },
    comments: { value: [] },
  }) as JSONDocument;
}
