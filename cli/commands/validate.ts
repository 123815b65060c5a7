import type { Command } from 'commander';
/** `sources-sdk validate <files or globs…> [--format text|json|sarif]` (owned by the engine work). */
export function registerValidate(_program: Command, _setExit: (code: number) => void): void {}
