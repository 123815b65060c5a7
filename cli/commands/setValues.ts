/**
 * The values `sources-sdk preview` and `sources-sdk test` take on the command line: `--set name=value` and
 * `--set-env name=VARIABLE`, read into name/value pairs (core/chain/values.ts routes them to the auth spec or the source).
 */

import type { Command } from 'commander';

/** Commander's reducer for a repeatable flag: every occurrence, in order. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Adds `--set` and `--set-env` (repeatable) to `command`: the same two flags, with the same help, for preview and test. */
export function withValueOptions(command: Command): Command {
  return command
    .option('--set <name=value>', 'a value for an auth spec or sourceSpec.spec property (repeatable)', collect, [])
    .option('--set-env <name=VAR>', 'a value read from the environment variable VAR, for secrets (repeatable)', collect, []);
}

/** A flag used wrongly: the command says so and exits 2. */
export class UsageError extends Error {}

/** `name=value` entries of a repeatable flag as pairs. */
export function namedPairs(list: string[], flag: string): Array<[string, string]> {
  return list.map((entry) => {
    const at = entry.indexOf('=');
    if (at < 1) throw new UsageError(`${flag} takes name=value, not ${JSON.stringify(entry)}`);
    return [entry.slice(0, at), entry.slice(at + 1)];
  });
}

/** Every `--set` pair, then every `--set-env` pair with its variable's value (one final newline dropped). */
export function valuesFromFlags(flags: { set: string[]; setEnv: string[] }, env: NodeJS.ProcessEnv): Array<[string, string]> {
  const fromEnv = namedPairs(flags.setEnv, '--set-env').map(([name, variable]): [string, string] => {
    const value = env[variable];
    if (value === undefined) throw new UsageError(`--set-env ${name}=${variable}: the environment variable ${variable} is not set`);
    return [name, value.replace(/\r?\n$/, '')];
  });
  return [...namedPairs(flags.set, '--set'), ...fromEnv];
}
