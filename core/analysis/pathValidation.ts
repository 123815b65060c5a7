/**
 * How far below a top-level member the schema validation can narrow down when a letter is typed in (or removed from)
 * one string value. memberValidation.ts validates the member the edit is in; this file goes further down the path
 * from that member to the string, object by object (or array by array), as long as each level's schemas judge their
 * children one by one: then the siblings of the path are left out of the validated tree and only the deepest child
 * on the path (a property, key and value, or an array item) is validated again.
 *
 * Why this is exact: a schema level whose keywords are only `type`, `properties`, `required`, `additionalProperties`,
 * `items` (one schema), the count limits and annotations judges each child by the child alone, and the node itself by
 * its key set and child count, which a string edit does not change. Branching keywords (`allOf`, `anyOf`, `oneOf`,
 * `not`, `if`, `enum`, `const`, `dependencies`, `patternProperties`, tuple `items`, `contains`, `uniqueItems`, …)
 * compare values across children: a level using one of them is validated whole. The validator still picks the schemas
 * itself; what is computed here is only whether every schema that can apply along the path is one of the simple ones.
 *
 * When the schemas of the edited string itself only look at its type (`type` and annotations, no `enum`, `pattern`,
 * `format`, length…), no verdict can change: nothing is validated and the last problems are kept, moved. That is
 * typing in a description, a URL path or any free text.
 * test/unit/pathValidation.test.ts compares the result with full validation on random letters (a schema using every
 * keyword that compares children), test/unit/memberValidation.test.ts on random edits of the fixtures.
 */
import type { ArrayASTNode, ASTNode, JSONSchema, ObjectASTNode, PropertyASTNode, StringASTNode } from 'vscode-json-languageservice';
import { schemaAtPointer } from './schemaNavigator';

/** A schema or `true`/`false` (the language service's JSONSchemaRef, which its index does not export). */
type JSONSchemaRef = JSONSchema | boolean;

/** Keywords a schema level may have for its children to be judged one by one (see the file comment). */
const LEVEL_KEYWORDS = new Set(['type', 'properties', 'required', 'additionalProperties', 'items', 'minItems', 'maxItems',
  'minProperties', 'maxProperties', 'title', 'description', 'markdownDescription', 'default', 'examples', 'defaultSnippets',
  '$comment', '$id', '$schema', 'deprecationMessage', 'deprecated', 'errorMessage', 'doNotSuggest', 'readOnly', 'writeOnly',
  'suggestSortText', 'definitions', '$defs']);

/**
 * Keywords whose verdict on a string does not depend on its text (its type cannot change by typing inside it): a
 * string whose schemas have only these is judged the same whatever is typed in it.
 */
const TEXT_BLIND_KEYWORDS = new Set(['type', 'title', 'description', 'markdownDescription', 'default', 'examples', '$comment',
  '$id', '$schema', 'deprecationMessage', 'deprecated', 'errorMessage', 'doNotSuggest', 'defaultSnippets', 'suggestSortText',
  'readOnly', 'writeOnly', 'enumDescriptions', 'markdownEnumDescriptions', 'definitions', '$defs']);

/** Keywords of a root `then`/`else` branch that keep the member-wise split exact (its members judged one by one). */
const BRANCH_KEYWORDS = new Set(['properties', 'required', 'additionalProperties', 'title', 'description', 'markdownDescription', '$comment']);

/** Guards `$ref` chains that point at each other. */
const MAX_REF_DEPTH = 32;

/** The deepest child on the path that can be validated alone, and the tree to validate in place of the member's value. */
export interface NarrowedMember {
  /** The member's value with every container on the path down to `scope`'s parent holding only the path's child. */
  value(): ASTNode;
  /** The child (a property or an array item) whose range bounds the problems found again. */
  scope: ASTNode;
  /**
   * Every schema of the edited string judges it by its type alone, and every level above it judges its children one
   * by one: the edit changes no verdict, the last problems hold (moved) and nothing needs validating.
   */
  unaffected: boolean;
}

/**
 * The narrowest validation of member `key` of a document validated against `root` (a schema memberValidation.ts can
 * split) after an edit inside `edited`, a string below that member; undefined when no level below the member can be
 * left out (validate the member whole).
 */
export function narrowedMember(root: JSONSchema, member: PropertyASTNode, edited: StringASTNode): NarrowedMember | undefined {
  const path = pathFrom(member, edited);
  let schemas = memberSchemas(root, member.keyNode.value);
  let deepest = -1;
  let unaffected = false;
  for (let level = 0; level < path.length && schemas !== undefined; level++) {
    const { container, child } = path[level];
    schemas = childSchemas(root, schemas, container, child);
    if (schemas === undefined) break;
    deepest = level;
    // No schema reaches the child: nothing validates it, nor anything below it.
    if (schemas.length === 0) {
      unaffected = true;
      break;
    }
    // The child is the edited string: is it judged by its type alone?
    if (level === path.length - 1) unaffected = schemas.every((schema) => Object.keys(schema).every((keyword) => TEXT_BLIND_KEYWORDS.has(keyword)));
  }
  if (deepest < 0) return undefined;
  const value = () => {
    let narrowed: ASTNode = path[deepest].child;
    for (let level = deepest; level >= 0; level--) narrowed = withOnlyChild(path[level].container, level === deepest ? path[level].child : childWith(path[level].child, narrowed));
    return narrowed;
  };
  return { value, scope: path[deepest].child, unaffected };
}

/** The containers from the member's value down to the edited string, each with its child on the path. */
function pathFrom(member: PropertyASTNode, edited: StringASTNode): Array<{ container: ObjectASTNode | ArrayASTNode; child: ASTNode }> {
  const path: Array<{ container: ObjectASTNode | ArrayASTNode; child: ASTNode }> = [];
  let node: ASTNode = edited;
  while (node.parent && node !== member.valueNode) {
    const parent: ASTNode = node.parent;
    if (parent.type === 'property') {
      if (parent === member) break;
      path.unshift({ container: parent.parent as ObjectASTNode, child: parent });
      node = parent.parent as ASTNode;
    } else {
      path.unshift({ container: parent as ArrayASTNode, child: node });
      node = parent;
    }
  }
  return path;
}

/**
 * Every schema that can apply to member `key`'s value: the root's, and those of each `then` and `else` (which of them
 * applies depends on the branch keys only). Undefined when a branch is not one whose members are judged one by one.
 */
function memberSchemas(root: JSONSchema, key: string): JSONSchema[] | undefined {
  const out: JSONSchema[] = [];
  const levels: JSONSchemaRef[] = [root];
  for (const item of root.allOf ?? []) {
    if (typeof item !== 'object') return undefined;
    for (const branch of [item.then, item.else]) {
      if (branch === undefined) continue;
      if (typeof branch !== 'object' || Object.keys(branch).some((keyword) => !BRANCH_KEYWORDS.has(keyword))) return undefined;
      levels.push(branch);
    }
  }
  for (const level of levels) {
    const own = schemaForKey(level as JSONSchema, key);
    if (own === undefined || typeof own === 'boolean') continue;
    const resolved = resolve(root, own);
    if (!resolved) return undefined;
    out.push(...resolved);
  }
  return out;
}

/**
 * The schemas that apply to `child` of `container` when every schema of `schemas` (those applying to the container)
 * judges its children one by one; undefined when one does not.
 */
function childSchemas(root: JSONSchema, schemas: JSONSchema[], container: ObjectASTNode | ArrayASTNode, child: ASTNode): JSONSchema[] | undefined {
  const out: JSONSchema[] = [];
  for (const schema of schemas) {
    if (Object.keys(schema).some((keyword) => !LEVEL_KEYWORDS.has(keyword))) return undefined;
    let next: JSONSchemaRef | undefined;
    if (container.type === 'object') {
      next = schemaForKey(schema, (child as PropertyASTNode).keyNode.value);
    } else {
      if (Array.isArray(schema.items)) return undefined; // a tuple: which schema applies depends on the position
      next = schema.items;
    }
    // `true` accepts anything; `false` rejects by key or position alone (the container's verdict, unchanged).
    if (next === undefined || typeof next === 'boolean') continue;
    const resolved = resolve(root, next);
    if (!resolved) return undefined;
    out.push(...resolved);
  }
  return out;
}

/** The schema a property named `key` gets from `schema`: its own entry in `properties`, else `additionalProperties`. */
function schemaForKey(schema: JSONSchema, key: string): JSONSchemaRef | undefined {
  return schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : schema.additionalProperties;
}

/** A schema with its local `$ref`s followed (the target and the keywords beside the reference); undefined if one is not local. */
function resolve(root: JSONSchema, schema: JSONSchemaRef, depth = 0): JSONSchema[] | undefined {
  if (typeof schema !== 'object') return typeof schema === 'boolean' ? [] : undefined;
  if (schema.$ref === undefined) return [schema];
  const target = schemaAtPointer(root, schema.$ref);
  if (target === undefined || depth >= MAX_REF_DEPTH) return undefined;
  const beside: JSONSchema = { ...schema };
  delete beside.$ref;
  const followed = resolve(root, target, depth + 1);
  return followed && [...followed, beside];
}

/** The child on the path with `value` in place: a property holding it, or (an array item) `value` itself. */
function childWith(child: ASTNode, value: ASTNode): ASTNode {
  return child.type === 'property' ? propertyWithValue(child, value) : value;
}

/** A property like `property` (same key, offsets and parent) whose value is `value`: what the validator sees of it. */
export function propertyWithValue(property: PropertyASTNode, value: ASTNode): PropertyASTNode {
  return {
    type: 'property', offset: property.offset, length: property.length, parent: property.parent, keyNode: property.keyNode,
    valueNode: value, colonOffset: property.colonOffset, children: [property.keyNode, value],
  } as PropertyASTNode;
}

/** `container` (same offsets and parent) holding only `child`: what the validator sees of it. */
function withOnlyChild(container: ObjectASTNode | ArrayASTNode, child: ASTNode): ASTNode {
  return container.type === 'object'
    ? { type: 'object', offset: container.offset, length: container.length, parent: container.parent, properties: [child as PropertyASTNode], children: [child] } as ObjectASTNode
    : { type: 'array', offset: container.offset, length: container.length, parent: container.parent, items: [child], children: [child] } as ArrayASTNode;
}
