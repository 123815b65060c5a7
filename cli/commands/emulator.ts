import type { Command } from 'commander';
/** `sources-sdk emulator [--port N] [--data DIR]` (owned by the emulator work). */
export function registerEmulator(_program: Command, _setExit: (code: number) => void): void {}
