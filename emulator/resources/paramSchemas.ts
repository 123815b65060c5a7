/**
 * Validates instance values (base connection `auth.params`, source connection `params`, explore `sourceParams`,
 * flow `scheduleParams`) against the JSON Schemas embedded in specs, with Ajv, and turns the first failure into a
 * sentence naming the property and what to do. Compiled validators are cached by schema text.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false, validateFormats: false });
const cache = new Map<string, ValidateFunction | Error>();

function compile(schema: unknown): ValidateFunction | Error {
  const key = JSON.stringify(schema ?? {});
  let entry = cache.get(key);
  if (!entry) {
    try {
      // `$schema` names draft-07, which Ajv 8 validates by default; drop it so a typo such as `http: //…` does not
      // stop compilation (the language server reports that typo).
      const { $schema: _ignored, ...rest } = (schema && typeof schema === 'object' ? schema : {}) as Record<string, unknown>;
      entry = ajv.compile(rest);
    } catch (err) {
      entry = err instanceof Error ? err : new Error(String(err));
    }
    if (cache.size > 500) cache.clear();
    cache.set(key, entry);
  }
  return entry;
}

function describe(error: ErrorObject, label: string): string {
  const at = error.instancePath ? `${label}${error.instancePath.replace(/\//g, '.')}` : label;
  switch (error.keyword) {
    case 'required':
      return `${label}${error.instancePath.replace(/\//g, '.')} is missing the required property '${String(error.params.missingProperty)}'`;
    case 'type':
      return `${at} must be of type ${String(error.params.type)}`;
    case 'enum':
      return `${at} must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${at} must be ${JSON.stringify(error.params.allowedValue)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${at} must be ${String(error.params.comparison)} ${String(error.params.limit)}`;
    case 'not':
      return `${at} has a property the schema forbids here`;
    case 'additionalProperties':
      return `${at} has the unknown property '${String(error.params.additionalProperty)}'`;
    default:
      return `${at} ${error.message ?? 'is invalid'}`;
  }
}

/**
 * Validates `value` against `schema`. Returns `undefined` when valid, otherwise one sentence such as
 * "auth.params is missing the required property 'password'". An uncompilable schema is reported as such.
 */
export function checkAgainstSchema(schema: unknown, value: unknown, label: string): string | undefined {
  const validate = compile(schema);
  if (validate instanceof Error) return `the spec's schema for ${label} cannot be used: ${validate.message}`;
  if (validate(value)) return undefined;
  const errors = validate.errors ?? [];
  // `if/then/else` reports the branch keyword after the real cause; show the cause.
  const cause = errors.find((e) => e.keyword !== 'if') ?? errors[0];
  return cause ? describe(cause, label) : `${label} is invalid`;
}
