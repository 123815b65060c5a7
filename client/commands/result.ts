/**
 * The one contract every command returns (docs/commands.md, "Result contract"). `outcome` says how the command ended;
 * the rest is what that command has to tell (its `action`, ids, uris…). A command never rejects for a user-level end
 * (cancelled, refused, a remote error): callers, the tree and the in-editor tests read `outcome` instead.
 */

/** How a command ended. */
export type Outcome = 'done' | 'cancelled' | 'refused' | 'failed';

/**
 * `done`: the command did its work (the details say what). `cancelled`: the user said no or cancelled progress; nothing
 * changed. `refused`: the command would not run (untrusted workspace, errors in the file, a conflict…) and `reason`
 * says why and what to do. `failed`: something went wrong; `error` is the message the user was shown.
 */
export type CommandResult<T extends object = object> =
  | ({ outcome: 'done' } & T)
  | ({ outcome: 'cancelled'; reason?: string } & Partial<T>)
  | ({ outcome: 'refused'; reason: string } & Partial<T>)
  | ({ outcome: 'failed'; error: string } & Partial<T>);

export function done<T extends object>(details: T): { outcome: 'done' } & T {
  return { outcome: 'done', ...details };
}

export function cancelled<T extends object>(details?: T, reason?: string): { outcome: 'cancelled'; reason?: string } & Partial<T> {
  return { outcome: 'cancelled', ...(details ?? {}), ...(reason ? { reason } : {}) } as { outcome: 'cancelled'; reason?: string } & Partial<T>;
}

export function refused<T extends object>(reason: string, details?: T): { outcome: 'refused'; reason: string } & Partial<T> {
  return { outcome: 'refused', ...(details ?? {}), reason } as { outcome: 'refused'; reason: string } & Partial<T>;
}

export function failed<T extends object>(error: string, details?: T): { outcome: 'failed'; error: string } & Partial<T> {
  return { outcome: 'failed', ...(details ?? {}), error } as { outcome: 'failed'; error: string } & Partial<T>;
}

/** True for an object that already follows the contract (the registration wrapper leaves those alone). */
export function isCommandResult(value: unknown): value is CommandResult {
  const outcome = (value as { outcome?: unknown } | null)?.outcome;
  return outcome === 'done' || outcome === 'cancelled' || outcome === 'refused' || outcome === 'failed';
}
