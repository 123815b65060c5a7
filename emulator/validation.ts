/**
 * The body checks the emulator applies to spec creates and full-body updates. The platform's own validation
 * is undocumented; these are the checks its DTOs declare (`required: [name, providerId]`) plus types the
 * platform could not accept, so authors find mistakes locally rather than after an upload.
 */
import { CATEGORY_KEYS } from '../core/analysis/rules/uiAttributes';
import { kindInfoOfResource } from '../core/spec/kinds';
import type { SpecResourceName } from './types';

export interface BodyProblem {
  code: '1100' | '1455';
  message: string;
}

function checkStringArray(body: Record<string, unknown>, field: string): BodyProblem | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return { code: '1100', message: `The field '${field}' must be an array of strings.` };
  const bad = value.findIndex((entry) => typeof entry !== 'string');
  if (bad >= 0) {
    return { code: '1100', message: `The field '${field}[${bad}]' must be a string (got ${JSON.stringify(value[bad])}).` };
  }
  return undefined;
}

/** Returns the first problem of a spec body, or `undefined` when it is acceptable. */
export function validateSpecBody(resource: SpecResourceName, body: Record<string, unknown>): BodyProblem | undefined {
  for (const field of ['name', 'providerId']) {
    const value = body[field];
    if (value === undefined || value === null || value === '') {
      return { code: '1455', message: `Missing field '${field}': it is required to create or update a ${kindInfoOfResource(resource).label}.` };
    }
    if (typeof value !== 'string') return { code: '1100', message: `The field '${field}' must be a string.` };
  }
  if (resource === 'flowSpecs') {
    return checkStringArray(body, 'sourceConnectionSpecIds') ?? checkStringArray(body, 'targetConnectionSpecIds');
  }
  for (const field of ['authSpec']) {
    if (body[field] !== undefined && !Array.isArray(body[field])) {
      return { code: '1100', message: `The field '${field}' must be an array.` };
    }
  }
  return checkCategoryKey(body);
}

/**
 * The catalog cannot file a source under a category it does not know (https://experienceleague.adobe.com/en/docs/experience-platform/sources/sources-sdk/config/sourcespec lists the keys); the editor only
 * warns (SSDK515), so this is where an author meets the refusal, with the field's path in the message.
 */
function checkCategoryKey(body: Record<string, unknown>): BodyProblem | undefined {
  const sourceSpec = body.sourceSpec as { attributes?: { uiAttributes?: { category?: { key?: unknown } } } } | undefined;
  const key = sourceSpec?.attributes?.uiAttributes?.category?.key;
  if (typeof key !== 'string' || CATEGORY_KEYS.includes(key)) return undefined;
  return { code: '1100', message: `Invalid value '${key}' at sourceSpec.attributes.uiAttributes.category.key: not a known category key.` };
}
