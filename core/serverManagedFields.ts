/**
 * The one list of fields the Flow Service owns on a connection or flow spec.
 *
 * Why one list: three parts of the product must agree on it exactly. The analysis rules warn when such a field
 * is pasted into a spec file (it comes from a GET response and the API ignores or rejects it), the sync engine
 * strips these fields before comparing or hashing a remote spec against a local file, and the emulator ignores
 * them in request bodies and sets them itself. If the lists drifted, a field could be flagged in the editor yet
 * counted as a difference by `diff`, or be kept by the emulator while the real service drops it.
 */

/** Server-managed top-level fields of a spec: set by the Flow Service, never authored, ignored when comparing. */
export const SERVER_MANAGED_FIELDS: readonly string[] = Object.freeze([
  'id',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
  'createdClient',
  'updatedClient',
  'sandboxId',
  'sandboxName',
  'imsOrgId',
  'etag',
]);

/** True when `key` is one of {@link SERVER_MANAGED_FIELDS}. */
export function isServerManagedField(key: string): boolean {
  return SERVER_MANAGED_FIELDS.includes(key);
}
