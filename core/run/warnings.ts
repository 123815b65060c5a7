/** Warnings of a run, each code and spec location reported once (a repeated cause is one thing to fix). */
import type { RunWarning } from './types';

export class WarningList {
  private readonly items: RunWarning[] = [];
  private readonly seen = new Set<string>();

  add(warning: RunWarning): void {
    const key = `${warning.code} ${warning.specPath ?? ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push(warning);
  }

  list(): RunWarning[] {
    return [...this.items];
  }
}
