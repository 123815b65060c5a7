/**
 * Parsed JSON that a test drills into freely (HTTP response bodies, SARIF logs, fixtures being mutated). The test's
 * assertions check the shape, so the static type stays loose on purpose — this is the one place tests opt out of typing.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: the single opt-out for parsed JSON in tests
export type LooseJson = any;

/** A parsed JSON object whose members a test reads or rewrites freely. */
export type LooseObject = Record<string, LooseJson>;
