/**
 * Host services the language server needs but must not take from a particular platform: the Node entry
 * (`server.ts`, stdio) and the Web Worker entry (`browserServer.ts`) each build one of these and pass it to
 * `startServer`, so the handlers are written once (VS Code's json-language-features does the same with its
 * `RuntimeEnvironment`).
 */
import type { HostFiles } from './hostFiles';

/** Something a timer call returns so it can be cancelled. */
export interface RuntimeDisposable {
  dispose(): void;
}

export interface ServerRuntime {
  /** Timers: a Web Worker has no `setImmediate`, so each host says how to run something on a later turn. */
  readonly timer: {
    setImmediate(callback: () => void): RuntimeDisposable;
    setTimeout(callback: () => void, ms: number): RuntimeDisposable;
  };
  /** The extension version reported in `serverInfo`. */
  readonly version: string;
  /** Where the server runs: lets a feature explain what it cannot do in a browser instead of failing oddly. */
  readonly platform: 'node' | 'browser';
  /**
   * Files beyond the open documents (the artifacts folder, the workspace index), or undefined where the host has no
   * file system (a Web Worker): the features that need them then stay quiet.
   */
  readonly files?: HostFiles;
}

/** Timers from the global scope, which both Node and workers have (setTimeout stands in for setImmediate). */
export function timersFromGlobals(): ServerRuntime['timer'] {
  return {
    setImmediate: (callback) => {
      const handle = setTimeout(callback, 0);
      return { dispose: () => clearTimeout(handle) };
    },
    setTimeout: (callback, ms) => {
      const handle = setTimeout(callback, ms);
      return { dispose: () => clearTimeout(handle) };
    },
  };
}
