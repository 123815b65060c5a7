/**
 * The guesses files beside generated specs (`x-connectionSpec.guesses.json`, core/spec/guessFile.ts), read from disk
 * once per spec and again when the file watcher says one changed, so a keystroke costs one map lookup. Their
 * guesses go into the spec's analysis (SSDK530); *Mark as checked* removes one from the file.
 */
import { modify } from 'jsonc-parser';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { LineIndex } from '../core/artifacts/textPositions';
import { guessFileOf, parseGuessFile, specFileOfGuessFile, type SpecGuess } from '../core/spec/guessFile';
import { hostFiles, pathToUri, uriToPath } from './hostFiles';

/** Most bytes of a guesses file the server reads (host file reads are bounded: issue 18 item 11). */
const MAX_GUESS_FILE_BYTES = 8 * 1024 * 1024;

/** The watcher pattern of guesses files. */
export const GUESS_FILE_PATTERN = '**/*.guesses.json';

interface Loaded {
  text: string;
  guesses: readonly SpecGuess[];
}

export class GuessFiles {
  /** By guesses-file path: what it holds, or null when there is none (or it is not one). */
  private readonly files = new Map<string, Promise<Loaded | null>>();

  /** `changed(specPath)` re-validates the open documents of a spec whose guesses file changed. */
  constructor(private readonly changed: (specPath: string) => void) {}

  /** The guesses for a spec document (undefined when it has no guesses file or the host reads no files). */
  async guessesFor(specUri: string): Promise<readonly SpecGuess[] | undefined> {
    const loaded = await this.load(specUri);
    return loaded?.guesses.length ? loaded.guesses : undefined;
  }

  /** A watched file changed (1 created, 2 changed, 3 deleted): forget it and re-validate its spec. */
  fileEvent(uri: string): void {
    const path = uriToPath(uri);
    const spec = path && specFileOfGuessFile(path);
    if (!path || !spec) return;
    this.files.delete(path);
    this.changed(spec);
  }

  /** *Mark as checked* for each SSDK530 among `diagnostics`: an edit of the guesses file removing that guess. */
  async checkedActions(specUri: string, diagnostics: readonly Diagnostic[]): Promise<CodeAction[]> {
    const ours = diagnostics.filter((d) => d.code === 'SSDK530' && typeof (d.data as { guessIndex?: unknown } | undefined)?.guessIndex === 'number');
    if (ours.length === 0) return [];
    const loaded = await this.load(specUri);
    const path = uriToPath(specUri);
    if (!loaded || !path) return [];
    const lines = new LineIndex(loaded.text);
    return ours.map((diagnostic) => {
      const index = (diagnostic.data as { guessIndex: number }).guessIndex;
      const edits = modify(loaded.text, ['guesses', index], undefined, { formattingOptions: { insertSpaces: true, tabSize: 2 } });
      return {
        title: 'Mark as checked (remove this guess from the guesses file)',
        kind: 'quickfix',
        diagnostics: [diagnostic],
        edit: { changes: { [pathToUri(guessFileOf(path))]: edits.map((e) => ({ range: lines.range(e.offset, e.offset + e.length), newText: e.content })) } },
      };
    });
  }

  private load(specUri: string): Promise<Loaded | null> {
    const specPath = uriToPath(specUri);
    const files = hostFiles();
    if (!specPath || !files) return Promise.resolve(null);
    const path = guessFileOf(specPath);
    let loading = this.files.get(path);
    if (!loading) {
      loading = files.readFile(path, MAX_GUESS_FILE_BYTES + 1).then((head) => {
        // A guesses file is a few KiB; one larger than the cap is not ours to read whole (nothing is shown for it).
        if (!head || head.size > MAX_GUESS_FILE_BYTES) return null;
        const text = new TextDecoder().decode(head.bytes);
        const file = parseGuessFile(text);
        return file ? { text, guesses: file.guesses } : null;
      }, () => null);
      this.files.set(path, loading);
    }
    return loading;
  }
}
