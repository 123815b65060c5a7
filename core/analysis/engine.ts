/**
 * The spec analysis engine: one vscode-json-languageservice instance configured inline with the bundled schemas,
 * a version-keyed parse cache, and the semantic rules / placeholder features on top. Pure (no I/O, no `vscode`);
 * the language server, the CLI and the tests all drive this one class.
 */
import {
  ClientCapabilities, getLanguageService, TextDocument,
  type CodeAction, type CompletionList, type Diagnostic, type DocumentLink, type DocumentSymbol, type FoldingRange,
  type FormattingOptions, type Hover, type JSONDocument, type LanguageService, type Location, type Position,
  type Range, type SelectionRange, type StringASTNode, type TextEdit, type WorkspaceEdit,
} from 'vscode-json-languageservice';
import { SPEC_SCHEMAS } from '../schemas';
import { getCodeActions } from './codeActions';
import { rankCompletions } from './completionRanking';
import { credentialCompletions } from './authCompletion';
import { urlLinks } from './links';
import { specOutline } from './outline';
import {
  placeholderCompletions, placeholderDefinition, placeholderHover, placeholderReferences, placeholderRename,
  preparePlaceholderRename,
} from './placeholderFeatures';
import { runRules, type RuleErrorHandler } from './rules/index';
import { codedDiagnostic, mapJsonDiagnostics } from './schemaDiagnostics';
import { mergeDiagnostics } from './mergeDiagnostics';
import { MemberValidation, parseProblems, splittableSchema, type SplittableSchema } from './memberValidation';
import { MovableResults, updatedTree } from './treeEdit';
import { RuleResults } from './ruleResults';
import { changedRegion, sameStructure, type EditFrom } from './textEdit';
import { withoutSyntaxKnockOns } from './syntaxKnockOns';
import { recoverSyntax, type Recovery } from './recovery/recover';
import { mapRepairedFindings, unrepairedFindings } from './recoveredDiagnostics';
import { explainsFindings, misnestingRecovery } from './misnesting';
import { SchemaNavigator } from './schemaNavigator';
import { pastedResponse } from './pastedResponse';
import { clampFormattingOptions, formattingRefusal } from './formatGuard';
import { DEFAULT_LIMITS, exceededLimit, lightSyntaxCheck, type AnalysisLimits, type ExceededLimit } from './sizeGuard';
import type { AnalysisContext, SpecKind } from './types';

/** Construction options; every field has a sensible default. */
export interface SpecEngineOptions {
  /** Size/line/depth limits above which schema and rule checks are skipped (SSDK090). */
  limits?: Partial<AnalysisLimits>;
  /** Most diagnostics reported per document; the rest are summarised by one SSDK091. */
  maxDiagnostics?: number;
  /** Shapes completion/hover output (markdown vs plain text); defaults to the richest. */
  clientCapabilities?: ClientCapabilities;
  /** Parsed documents kept (one entry per URI, latest version only). */
  cacheSize?: number;
  /**
   * Where a semantic rule's exception is reported (the rule's findings are then missing for that document).
   * Defaults to one line on stderr per distinct failure, which the LSP client shows in its server log.
   */
  onRuleError?: RuleErrorHandler;
}

interface ParseEntry {
  version: number;
  text: string;
  json: JSONDocument;
  /** Set when the document exceeds a limit: `json` is then an empty document. */
  limit?: ExceededLimit;
  /** The syntax repair, computed the first time a version with a syntax error is analysed. */
  recovery?: Recovery;
  /** How this version differs from the previous one of the same URI, when that one was cached. */
  edit?: EditFrom;
  /** Only white space between tokens changed: `json` is the previous tree, moved (treeEdit.ts). */
  movedTree?: boolean;
  /** Only this string's value changed: `json` is the previous tree, moved, with the new value (treeEdit.ts). */
  editedString?: StringASTNode;
  /** The mis-nesting repair of a version that parses (null: looked for, none). */
  misnesting?: Recovery | null;
}

/** Suffix of the cache key under which the repaired text of a broken document is analysed. */
const REPAIRED = '#sources-sdk-repaired';

/**
 * Synthetic URIs that select each kind's schema inside the language service: the kind comes from the language id
 * or the file name, never from the real URI, so the real URI is swapped for one of these when calling the service.
 */
const KIND_URIS: Record<SpecKind, string> = {
  connectionSpec: 'sources-sdk-kind:/connectionSpec.ssdk-kind.json',
  flowSpec: 'sources-sdk-kind:/flowSpec.ssdk-kind.json',
};

const CODE_OF_SYNTAX_KIND = { syntax: 'SSDK001', comment: 'SSDK002', trailingComma: 'SSDK003' } as const;

const EMPTY_COMPLETIONS: CompletionList = { isIncomplete: false, items: [] };

/** One per process. All methods are pure functions of the document text (plus the bundled schemas). */
export class SpecEngine {
  private readonly service: LanguageService;
  private readonly navigators: Record<SpecKind, SchemaNavigator>;
  private readonly cache = new Map<string, ParseEntry>();
  private readonly limits: AnalysisLimits;
  private readonly maxDiagnostics: number;
  private readonly cacheSize: number;
  private readonly onRuleError: RuleErrorHandler;
  /** Schema validation that re-checks only the member an edit touched. */
  readonly validation: MemberValidation;
  /** The semantic rules' last findings per document, re-run only where an edit can change them (ruleResults.ts). */
  readonly ruleResults: RuleResults;
  /** The last answer per document, moved when only white space changed. */
  private readonly results: MovableResults;
  private readonly splits: Record<SpecKind, SplittableSchema | undefined>;

  constructor(options: SpecEngineOptions = {}) {
    this.onRuleError = options.onRuleError ?? logRuleErrorOnce();
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.maxDiagnostics = options.maxDiagnostics ?? 500;
    this.cacheSize = options.cacheSize ?? 64;
    this.validation = new MemberValidation(this.cacheSize);
    this.ruleResults = new RuleResults(this.cacheSize);
    this.results = new MovableResults(this.cacheSize);
    this.splits = { connectionSpec: splittableSchema(SPEC_SCHEMAS.connectionSpec.schema), flowSpec: splittableSchema(SPEC_SCHEMAS.flowSpec.schema) };
    this.service = getLanguageService({
      // Schemas are bundled; a spec must never make the editor reach out to the network.
      schemaRequestService: (uri) => Promise.reject(new Error(`remote schemas are not loaded (${uri})`)),
      clientCapabilities: options.clientCapabilities ?? ClientCapabilities.LATEST,
    });
    this.service.configure({
      validate: true,
      allowComments: false,
      schemas: (Object.keys(KIND_URIS) as SpecKind[]).map((kind) => ({
        uri: SPEC_SCHEMAS[kind].uri,
        fileMatch: [KIND_URIS[kind].slice(KIND_URIS[kind].lastIndexOf('/') + 1)],
        schema: SPEC_SCHEMAS[kind].schema,
      })),
    });
    this.navigators = {
      connectionSpec: new SchemaNavigator(SPEC_SCHEMAS.connectionSpec.schema),
      flowSpec: new SchemaNavigator(SPEC_SCHEMAS.flowSpec.schema),
    };
  }

  /** The parsed document, cached by (uri, version); an empty tree when the document exceeds a limit. */
  parse(document: TextDocument): JSONDocument {
    return this.entry(document).json;
  }

  /** Why analysis of this document is limited (too large / too deep), or undefined. */
  limitOf(document: TextDocument): string | undefined {
    return this.entry(document).limit?.reason;
  }

  /**
   * All diagnostics: strict JSON syntax (SSDK001–003), top-level shape (SSDK005), schema (SSDK010–014) and the
   * semantic rules; SSDK090 instead of schema/rules for oversized documents; SSDK091 when the list is capped.
   * `context` carries what the caller knows beyond the file (a linked or cached remote copy); never fetched here.
   */
  async analyze(document: TextDocument, kind: SpecKind, context: AnalysisContext = {}): Promise<Diagnostic[]> {
    const text = document.getText();
    if (text.trim().length === 0) {
      return [codedDiagnostic(document, 0, text.length, 'SSDK005',
        'The file is empty: a spec is a single JSON object. Start from a template or paste the spec.')];
    }
    const entry = this.entry(document);
    if (entry.limit) return this.limitedDiagnostics(document, entry.limit);
    // Only white space between tokens changed since the last answer: that answer holds, moved (treeEdit.ts).
    const resultKey = `${kind} ${JSON.stringify(context)}`;
    const moved = entry.movedTree && entry.edit ? this.results.moved(document, resultKey, entry.edit.before, entry.edit.region) : undefined;
    // A mis-nesting finding (SSDK006) is read from the indentation, which a white-space edit may just have mended.
    if (moved && entry.edit && !moved.some((d) => d.code === 'SSDK006')) {
      this.validation.moved(document, entry.edit.before, entry.edit.region);
      this.ruleResults.moved(document, entry.edit.before, entry.edit.region);
      return moved;
    }
    const answer = this.capped(document, byPosition(await this.findings(document, entry, kind, context)));
    this.results.remember(document, resultKey, answer);
    return answer;
  }

  /** Every finding of a parsed document, uncapped and unordered; a document that does not parse goes through recovery. */
  private async findings(document: TextDocument, entry: ParseEntry, kind: SpecKind, context: AnalysisContext): Promise<Diagnostic[]> {
    const root = entry.json.root;
    const isObject = root?.type === 'object';
    const view = this.kindView(document, kind);
    // Only the top-level member an edit touched is validated again (memberValidation.ts); otherwise the whole text.
    const raw = await this.validation.validate(document, entry.json, kind, this.splits[kind], (json) => this.service.doValidation(view, json, {
      comments: 'error',
      trailingCommas: 'error',
      // Validating a non-object against an object schema only adds noise next to SSDK005.
      schemaValidation: isObject ? 'error' : 'ignore',
      schemaRequest: 'error', // surfaces a top-level "$schema" that displaces the bundled schema (SSDK010)
    }), entry.edit, entry.editedString);
    const diagnostics = mapJsonDiagnostics(raw, { document, jsonDocument: entry.json, navigator: this.navigators[kind] });
    // Only text that does not parse pays for recovery: valid JSON (comments and trailing commas included) skips it.
    if (diagnostics.some((d) => d.code === 'SSDK001')) return this.recovered(document, entry, kind, context, diagnostics);
    // A pasted GET response: one finding about the wrapper, not dozens about what it hides.
    const pasted = pastedResponse(document, root);
    if (pasted) return [...diagnostics.filter((d) => d.code === 'SSDK002' || d.code === 'SSDK003'), pasted];
    if (root && !isObject) {
      diagnostics.push(codedDiagnostic(document, root.offset, root.offset + root.length, 'SSDK005',
        `The top level is ${root.type === 'array' ? 'an array' : `a ${root.type}`}: a spec is a single JSON object. ` +
        'If this is an API response, open one element of it instead.'));
    }
    if (!isObject) return diagnostics;
    const rules = this.ruleResults.run(document, root, kind, this.onRuleError, context, `${kind} ${JSON.stringify(context)}`, entry.edit, entry.editedString);
    const found = mergeDiagnostics(diagnostics, rules, (range) => propertyScope(document, entry.json, range));
    return (await this.misnested(document, entry, kind, context, found)) ?? found;
  }

  /**
   * A document that parses but has a member in the wrong object (a missing and an extra closer that balance): one
   * SSDK006 and the findings of the repaired text mapped back, when the repair explains findings (misnesting.ts).
   */
  private async misnested(document: TextDocument, entry: ParseEntry, kind: SpecKind, context: AnalysisContext,
    found: Diagnostic[]): Promise<Diagnostic[] | undefined> {
    if (document.uri.endsWith(REPAIRED)) return undefined;
    const recovery = entry.misnesting === undefined ? (entry.misnesting = misnestingRecovery(entry.text, found) ?? null) : entry.misnesting;
    if (!recovery?.repaired) return undefined;
    const repairedDocument = TextDocument.create(document.uri + REPAIRED, document.languageId, document.version, recovery.repaired);
    const repairedEntry = this.entry(repairedDocument);
    const repaired = repairedEntry.limit ? [] : await this.findings(repairedDocument, repairedEntry, kind, context);
    return explainsFindings(found, repaired) ? mapRepairedFindings(document, recovery, repairedDocument, repaired) : undefined;
  }

  /**
   * A document with JSON syntax errors: the mistakes where they are, and the findings of the repaired text mapped
   * back (see recoveredDiagnostics.ts). The repaired text is parsed and cached under its own key.
   */
  private async recovered(document: TextDocument, entry: ParseEntry, kind: SpecKind, context: AnalysisContext,
    diagnostics: Diagnostic[]): Promise<Diagnostic[]> {
    const recovery = entry.recovery ??= recoverSyntax(entry.text);
    if (recovery.repaired === undefined) {
      const root = entry.json.root;
      const merged = root?.type === 'object'
        ? mergeDiagnostics(diagnostics, runRules(document, root, kind, this.onRuleError, context), (range) => propertyScope(document, entry.json, range))
        : diagnostics;
      return unrepairedFindings(document, entry.json, recovery, withoutSyntaxKnockOns(document, entry.json, merged));
    }
    const repairedDocument = TextDocument.create(document.uri + REPAIRED, document.languageId, document.version, recovery.repaired);
    const repairedEntry = this.entry(repairedDocument);
    const findings = repairedEntry.limit ? [] : await this.findings(repairedDocument, repairedEntry, kind, context);
    return mapRepairedFindings(document, recovery, repairedDocument, findings);
  }

  /** Placeholder completion inside `${…}` first, otherwise schema-driven completion. */
  async complete(document: TextDocument, position: Position, kind: SpecKind): Promise<CompletionList> {
    const entry = this.entry(document);
    if (entry.limit) return EMPTY_COMPLETIONS;
    const items = placeholderCompletions(document, entry.json.root, document.offsetAt(position));
    if (items) return { isIncomplete: false, items };
    const list = await this.service.doComplete(this.kindView(document, kind), position, entry.json);
    if (!list) return EMPTY_COMPLETIONS;
    const offset = document.offsetAt(position);
    const node = entry.json.getNodeFromOffset(offset, true);
    rankCompletions(list.items, node, document, offset);
    if (kind === 'connectionSpec') list.items.push(...credentialCompletions(document, node, offset));
    return list;
  }

  /** Placeholder hover first, otherwise the schema description of the property/value under the cursor. */
  async hover(document: TextDocument, position: Position, kind: SpecKind): Promise<Hover | null> {
    const entry = this.entry(document);
    if (entry.limit) return null;
    const placeholder = placeholderHover(document, entry.json.root, document.offsetAt(position));
    if (placeholder) return placeholder;
    return (await this.service.doHover(this.kindView(document, kind), position, entry.json)) ?? null;
  }

  /** Outline: auth entries by name, sourceSpec sections with summaries, the rest as the JSON tree. */
  documentSymbols(document: TextDocument): DocumentSymbol[] {
    return specOutline(document, this.entry(document).json.root);
  }

  /** Folding ranges (token based, so safe on any size). */
  foldingRanges(document: TextDocument, rangeLimit = 5000): FoldingRange[] {
    return this.service.getFoldingRanges(document, { rangeLimit });
  }

  /** Expand-selection ranges for each position. */
  selectionRanges(document: TextDocument, positions: Position[]): SelectionRange[] {
    return this.service.getSelectionRanges(document, positions, this.entry(document).json);
  }

  /**
   * Reformats the document (or a range) keeping key order; honours tabSize/insertSpaces (clamped to 1–16). Returns
   * no edit, and tells `onRefused` why, above the analysis limits or when the output would exceed its size bound.
   */
  format(document: TextDocument, range: Range | undefined, options: FormattingOptions, onRefused?: (reason: string) => void): TextEdit[] {
    const safeOptions = clampFormattingOptions(options);
    const offsets = range && { offset: document.offsetAt(range.start), length: document.offsetAt(range.end) - document.offsetAt(range.start) };
    const refusal = formattingRefusal(document.getText(), this.entry(document).limit, offsets, safeOptions, this.limits.maxFormattedChars);
    if (refusal) {
      onRefused?.(refusal);
      return [];
    }
    return this.service.format(document, range, safeOptions);
  }

  /** Links for string values that are plain http(s) URLs. */
  documentLinks(document: TextDocument): DocumentLink[] {
    return urlLinks(document, this.entry(document).json.root);
  }

  /** Declaration(s) of the placeholder under the cursor. */
  definition(document: TextDocument, position: Position): Location[] {
    return placeholderDefinition(document, this.entry(document).json.root, document.offsetAt(position));
  }

  /** Uses (and optionally declarations) of the placeholder under the cursor. */
  references(document: TextDocument, position: Position, includeDeclaration: boolean): Location[] {
    return placeholderReferences(document, this.entry(document).json.root, document.offsetAt(position), includeDeclaration);
  }

  /** Range and current name of a renameable placeholder under the cursor, or undefined. */
  prepareRename(document: TextDocument, position: Position): { range: Range; placeholder: string } | undefined {
    return preparePlaceholderRename(document, this.entry(document).json.root, document.offsetAt(position));
  }

  /** Renames a placeholder's declarations, uses and `required` entries. */
  rename(document: TextDocument, position: Position, newName: string): WorkspaceEdit | undefined {
    return placeholderRename(document, this.entry(document).json.root, document.offsetAt(position), newName);
  }

  /** Quick fixes for the given diagnostics within `range`. */
  codeActions(document: TextDocument, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
    const entry = this.entry(document);
    if (entry.limit) return [];
    return getCodeActions(document, entry.json.root, range, diagnostics);
  }

  /** Forgets a document (call on close). */
  forget(uri: string): void {
    this.cache.delete(uri);
    this.cache.delete(uri + REPAIRED);
    this.validation.forget(uri);
    this.validation.forget(uri + REPAIRED);
    this.ruleResults.forget(uri);
    this.ruleResults.forget(uri + REPAIRED);
    this.results.forget(uri);
  }

  private entry(document: TextDocument): ParseEntry {
    const text = document.getText();
    const cached = this.cache.get(document.uri);
    if (cached && cached.version === document.version && cached.text === text) return cached;
    // Drop the outdated tree first: keeping two big ASTs alive at once makes every GC during the parse slower.
    this.cache.delete(document.uri);
    const edit: EditFrom | undefined = cached && { before: cached.text, region: changedRegion(cached.text, text) };
    const previous = cached && edit && !cached.limit && text.length <= this.limits.maxChars ? cached : undefined;
    // White space between tokens, or one string value: the previous clean tree, updated in place (treeEdit.ts).
    // (Line breaks may change the line count: then the size guard looks again.)
    const updated = previous && edit && parseProblems(previous.json) === 0 ? updatedTree(previous.json, text, edit) : undefined;
    if (previous && updated && (!updated.lineCountMayChange || !exceededLimit(text, this.limits))) {
      const reused: ParseEntry = { version: document.version, text, json: previous.json, edit, movedTree: updated.whiteSpaceOnly, editedString: updated.editedString };
      this.cache.set(document.uri, reused);
      return reused;
    }
    // The guard's token scan again only when the edit can change nesting or the line count (textEdit.ts).
    const unchangedStructure = previous && edit && sameStructure(edit.before, text, edit.region);
    const limit = unchangedStructure ? undefined : exceededLimit(text, this.limits);
    const json = limit ? this.service.newJSONDocument(undefined, [], []) : this.service.parseJSONDocument(document);
    const entry: ParseEntry = { version: document.version, text, json, limit, edit };
    this.cache.set(document.uri, entry);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    return entry;
  }

  private limitedDiagnostics(document: TextDocument, limit: ExceededLimit): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    if (!limit.tooDeep) {
      for (const error of lightSyntaxCheck(document)) {
        diagnostics.push(codedDiagnostic(document, error.offset, error.offset + error.length,
          CODE_OF_SYNTAX_KIND[error.kind], error.message));
      }
    }
    diagnostics.push(codedDiagnostic(document, 0, 0, 'SSDK090',
      `Schema and semantic checks were skipped because ${limit.reason}` +
      (limit.tooDeep ? '.' : '; only JSON syntax was checked.')));
    return diagnostics;
  }

  private capped(document: TextDocument, diagnostics: Diagnostic[]): Diagnostic[] {
    if (diagnostics.length <= this.maxDiagnostics) return diagnostics;
    const kept = diagnostics.slice(0, this.maxDiagnostics);
    kept.push(codedDiagnostic(document, 0, 0, 'SSDK091',
      `${diagnostics.length - this.maxDiagnostics} more problems are not shown: fix the ones above first.`));
    return kept;
  }

  /** The same document seen under the synthetic URI that selects `kind`'s schema (every other member delegates). */
  private kindView(document: TextDocument, kind: SpecKind): TextDocument {
    const uri = KIND_URIS[kind];
    return new Proxy(document, {
      get: (target, property) => {
        if (property === 'uri') return uri;
        const value: unknown = Reflect.get(target, property, target);
        // Bind methods to the real document so its private fields and caches (line offsets) are used directly.
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
}

/**
 * The default rule-error handler: one stderr line per distinct rule failure (a rule that breaks on a shape usually
 * breaks on every keystroke, and the log must stay readable). Only the error text: never document content.
 */
function logRuleErrorOnce(): RuleErrorHandler {
  const seen = new Set<string>();
  return ({ codes, error }) => {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const key = `${codes.join(',')} ${text}`;
    if (seen.has(key) || seen.size > 100) return;
    seen.add(key);
    console.error(`sources-sdk: the rule for ${codes.join(', ')} failed and was skipped (${text}). Please report this.`);
  };
}

/**
 * Diagnostics in document order (stable for equal starts), so the CLI lists them top to bottom and the cap keeps
 * the first problems of the file rather than those of whichever rule ran first.
 */
function byPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((diagnostic, index) => ({ diagnostic, index }))
    .sort((a, b) => a.diagnostic.range.start.line - b.diagnostic.range.start.line
      || a.diagnostic.range.start.character - b.diagnostic.range.start.character || a.index - b.index)
    .map((entry) => entry.diagnostic);
}

/** A range that covers exactly a property's key stands for the whole property (key and value). */
function propertyScope(document: TextDocument, json: JSONDocument, range: Range): Range {
  const node = json.getNodeFromOffset(document.offsetAt(range.start));
  const property = node?.parent;
  if (!node || property?.type !== 'property' || property.keyNode !== node) return range;
  return { start: document.positionAt(property.offset), end: document.positionAt(property.offset + property.length) };
}
