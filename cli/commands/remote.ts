import type { Command } from 'commander';
/** `sources-sdk pull|push|diff|register` (owned by the API client work). */
export function registerRemoteCommands(_program: Command, _setExit: (code: number) => void): void {}
