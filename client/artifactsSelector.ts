/**
 * The artifacts-folder files the language server also checks (`Sources/{source}/Artifacts/`): the plain-text and SVG
 * files of such a folder, by name pattern only, so the server never sees every `.txt` file of the workspace.
 */
import type { DocumentFilter } from 'vscode-languageclient';

/** Glob patterns of artifact files (`{source}-category.txt` …, `{source}-icon.svg`, anything in `Artifacts/`). */
export const ARTIFACT_FILE_PATTERNS = [
  '**/*-{category,label,description}.txt',
  '**/*-icon.svg',
  '**/Artifacts/*.{txt,svg}',
];

/** Document filters for the language client's selector (files on disk only: a folder needs siblings). */
export const ARTIFACT_DOCUMENT_SELECTOR: DocumentFilter[] = ARTIFACT_FILE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern }));
