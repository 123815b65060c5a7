/**
 * Finding remote specs by exact name. The documented `property` filter grammar (`name==a,b` is the OR set {a, b};
 * quoting is not documented for values with commas) cannot express every name, so a name is put into the filter only
 * when it means exactly itself there; otherwise the whole collection is listed. Either way the result is compared
 * with the name client-side, character for character: a name with commas, quotes, `==`, spaces or any unicode is
 * found exactly, and a look-alike is never taken for it (which would mean updating the wrong spec or creating a
 * duplicate).
 */
import type { FlowServiceClient, RemoteSpec, SpecResource } from './types';

/** Characters with a meaning in a `property` filter value (OR separator, quotes, operators). */
const FILTER_SYNTAX = /[,"'=!<>~]/;

/** True when `name==<name>` selects exactly the specs called `name` under the documented grammar. */
export function isFilterSafeName(name: string): boolean {
  return name.length > 0 && name.trim() === name && !FILTER_SYNTAX.test(name);
}

/** The specs whose `name` is exactly `name` (any number: the caller decides what several mean). */
export async function findSpecsByName(
  client: Pick<FlowServiceClient, 'list'>,
  resource: SpecResource,
  name: string,
  signal?: AbortSignal,
): Promise<RemoteSpec[]> {
  const property = isFilterSafeName(name) ? [`name==${name}`] : undefined;
  const found = await client.list(resource, { property, signal });
  return found.filter((spec) => spec.name === name);
}
