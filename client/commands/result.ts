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
/** The details of a command that has nothing to tell beyond its outcome. */
export type NoDetails = Record<never, never>;

export type CommandResult<T extends object = NoDetails> = Done<T> | Cancelled<T> | Refused<T> | Failed<T>;

export type Done<T extends object> = { outcome: 'done' } & T;
export type Cancelled<T extends object> = { outcome: 'cancelled'; reason?: string } & Partial<T>;
export type Refused<T extends object> = { outcome: 'refused'; reason: string } & Partial<T>;
export type Failed<T extends object> = { outcome: 'failed'; error: string } & Partial<T>;

export function done<T extends object>(details: T): Done<T> {
  return { outcome: 'done', ...details };
}

// Overloads: without details (and no type argument) the result type is fixed; a generic would be inferred from the
// caller's return type, which may be a promise.
export function cancelled(): Cancelled<NoDetails>;
export function cancelled<T extends object>(details?: T, reason?: string): Cancelled<T>;
export function cancelled<T extends object>(details?: T, reason?: string): Cancelled<T> {
  return { outcome: 'cancelled', ...(details ?? {}), ...(reason ? { reason } : {}) } as Cancelled<T>;
}

export function refused(reason: string): Refused<NoDetails>;
export function refused<T extends object>(reason: string, details?: T): Refused<T>;
export function refused<T extends object>(reason: string, details?: T): Refused<T> {
  return { outcome: 'refused', ...(details ?? {}), reason } as Refused<T>;
}

export function failed(error: string): Failed<NoDetails>;
export function failed<T extends object>(error: string, details?: T): Failed<T>;
export function failed<T extends object>(error: string, details?: T): Failed<T> {
  return { outcome: 'failed', ...(details ?? {}), error } as Failed<T>;
}
