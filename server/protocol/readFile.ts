/**
 * `sourcesSdk/readFile`: the browser-hosted server asks the client for a workspace file it has not opened (a worker
 * has no file system; the client reads through `vscode.workspace.fs`, virtual workspaces included). Plain
 * constants and types only, so both the client and the server bundles can import this file.
 */

export const READ_FILE_REQUEST = 'sourcesSdk/readFile';

export interface ReadFileParams {
  uri: string;
}

/** The file's text (UTF-8). The request fails (an LSP error) when the file cannot be read. */
export type ReadFileResult = string;
