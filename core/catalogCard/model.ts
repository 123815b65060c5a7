/**
 * What Experience Platform shows of a source, as a plain model: the catalog card (icon, label, description,
 * category, beta/preview badges) and the forms built from the spec's JSON Schemas (one connect-account form per
 * auth spec, https://experienceleague.adobe.com/en/docs/experience-platform/sources/sources-sdk/config/authspec, then the source-parameters form from `sourceSpec.spec`,
 * https://experienceleague.adobe.com/en/docs/experience-platform/sources/sources-sdk/config/sourcespec). Every field carries the
 * range of its declaration so a view can reveal it. Pure: the caller passes the spec text and the artifact files.
 */
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import type { Range } from 'vscode-json-languageservice';
import { LineIndex } from '../artifacts/textPositions';

/** The artifact files beside the spec, when it sits in an artifacts folder (all optional). */
export interface CardArtifacts {
  label?: string;
  description?: string;
  category?: string;
  /** The icon's SVG text; shown only as an image (a data: URI), never inline. */
  iconSvg?: string;
  /** Why the icon is not shown (e.g. it failed the SSDK808/810 checks). */
  iconRefused?: string;
}

/** Where a shown text came from. */
export type TextSource = 'spec text' | 'artifact file' | 'key only' | 'missing';

/** The catalog card. */
export interface CatalogCard {
  label: { text: string; source: TextSource };
  description: { text: string; source: TextSource };
  category: { key?: string; display: string };
  /** An `data:image/svg+xml;base64,…` URI, or undefined with a reason. */
  iconDataUri?: string;
  iconNote?: string;
  badges: Array<'Beta' | 'Preview'>;
  declaration?: Range;
}

/** One input of a form. */
export interface FormField {
  name: string;
  title: string;
  description?: string;
  control: 'text' | 'password' | 'number' | 'checkbox' | 'select' | 'date' | 'group';
  required: boolean;
  choices?: string[];
  defaultValue?: string;
  /** Hidden fields are not drawn (uiAttributes.hidden); listed so a view can say how many. */
  hidden: boolean;
  /** Sub-fields of an object property (one level). */
  fields?: FormField[];
  declaration: Range;
}

/** A form: connect-account (per auth spec) or source parameters. */
export interface FormModel {
  kind: 'auth' | 'source';
  title: string;
  subtitle?: string;
  description?: string;
  fields: FormField[];
  declaration: Range;
}

/** The whole preview. `problem` is set when the spec cannot be read (the view then says so). */
export interface CatalogPreview {
  card: CatalogCard;
  forms: FormModel[];
  problem?: string;
}

const CATEGORY_DISPLAY: Record<string, string> = {
  advertising: 'Advertising', analytics: 'Analytics', cloudStorage: 'Cloud Storage', consentAndPreferences: 'Consent and Preferences',
  crm: 'CRM', customerSuccess: 'Customer Success', database: 'Database', ecommerce: 'e-Commerce',
  marketingAutomation: 'Marketing Automation', payments: 'Payments', protocols: 'Protocols', streaming: 'Streaming',
};

/** Display name of a category key (`marketingAutomation` → `Marketing Automation`); unknown keys as given. */
export function categoryDisplayName(key: string): string {
  return CATEGORY_DISPLAY[key] ?? key;
}

/** Builds the preview of a connection spec's text. Never throws. */
export function buildCatalogPreview(specText: string, artifacts: CardArtifacts = {}): CatalogPreview {
  const index = new LineIndex(specText);
  const root = parseTree(specText, [], { allowTrailingComma: true });
  const rangeOf = (node: Node | undefined): Range => (node ? index.range(node.offset, node.offset + node.length) : index.lineRange(0));
  const at = (path: Array<string | number>) => (root ? findNodeAtLocation(root, path) : undefined);
  const str = (path: Array<string | number>) => {
    const node = at(path);
    return node?.type === 'string' ? String(node.value) : undefined;
  };
  const ui = ['sourceSpec', 'attributes', 'uiAttributes'];
  const shown = (name: 'label' | 'description', fromFile: string | undefined): { text: string; source: TextSource } => {
    const text = str([...ui, name, 'text']);
    if (text !== undefined) return { text, source: 'spec text' };
    if (fromFile !== undefined && fromFile.trim().length > 0) return { text: fromFile.trim(), source: 'artifact file' };
    const key = str([...ui, name, 'key']);
    if (key !== undefined) return { text: key, source: 'key only' };
    return { text: name === 'label' ? (str(['name']) ?? 'Untitled source') : '', source: 'missing' };
  };
  const categoryKey = str([...ui, 'category', 'key']) ?? artifacts.category?.trim();
  const badges: CatalogCard['badges'] = [];
  if (at([...ui, 'isBeta'])?.value === true) badges.push('Beta');
  if (at([...ui, 'isPreview'])?.value === true) badges.push('Preview');
  const card: CatalogCard = {
    label: shown('label', artifacts.label),
    description: shown('description', artifacts.description),
    category: { key: categoryKey, display: categoryKey ? categoryDisplayName(categoryKey) : 'No category' },
    badges,
    declaration: at(ui) ? rangeOf(at(ui)) : undefined,
  };
  if (artifacts.iconSvg !== undefined && !artifacts.iconRefused) {
    card.iconDataUri = `data:image/svg+xml;base64,${toBase64(artifacts.iconSvg)}`;
  } else {
    const key = str([...ui, 'icon', 'key']) ?? str([...ui, 'icon', 'text']);
    card.iconNote = artifacts.iconRefused ?? (key ? `icon "${key}" (no icon file beside the spec)` : 'no icon');
  }
  if (!root || root.type !== 'object') return { card, forms: [], problem: 'The spec is not a JSON object yet.' };

  const forms: FormModel[] = [];
  const authSpecs = at(['authSpec']);
  for (const [i, entry] of (authSpecs?.type === 'array' ? authSpecs.children ?? [] : []).entries()) {
    const name = str(['authSpec', i, 'name']) ?? `Auth spec ${i + 1}`;
    const schema = at(['authSpec', i, 'spec']);
    forms.push({
      kind: 'auth', title: `Connect account: ${name}`, subtitle: str(['authSpec', i, 'type']),
      description: schema ? stringProp(schema, 'description') : undefined,
      fields: schema ? fieldsOf(schema, rangeOf) : [], declaration: rangeOf(entry),
    });
  }
  const sourceSchema = at(['sourceSpec', 'spec']);
  if (sourceSchema?.type === 'object') {
    forms.push({
      kind: 'source', title: 'Source parameters', description: stringProp(sourceSchema, 'description'),
      fields: fieldsOf(sourceSchema, rangeOf), declaration: rangeOf(sourceSchema),
    });
  }
  return { card, forms };
}

/** The fields of an object schema, in declaration order (the order the form shows them). */
function fieldsOf(schema: Node, rangeOf: (node: Node | undefined) => Range, depth = 0): FormField[] {
  const properties = propertyNode(schema, 'properties');
  if (properties?.type !== 'object') return [];
  const required = new Set((propertyNode(schema, 'required')?.children ?? []).map((n) => String(n.value)));
  const fields: FormField[] = [];
  for (const property of properties.children ?? []) {
    const keyNode = property.children?.[0];
    const value = property.children?.[1];
    if (!keyNode || !value) continue;
    const name = String(keyNode.value);
    const type = stringProp(value, 'type');
    const format = stringProp(value, 'format');
    const choices = (propertyNode(value, 'enum')?.children ?? []).map((n) => String(n.value));
    const hidden = findNodeAtLocation(value, ['uiAttributes', 'hidden'])?.value === true;
    const defaultNode = propertyNode(value, 'default');
    const control: FormField['control'] = choices.length > 0 ? 'select'
      : format === 'password' ? 'password'
        : format === 'date' || format === 'date-time' ? 'date'
          : type === 'boolean' ? 'checkbox'
            : type === 'integer' || type === 'number' ? 'number'
              : type === 'object' ? 'group' : 'text';
    const field: FormField = {
      name, title: stringProp(value, 'title') ?? name, description: stringProp(value, 'description'), control,
      required: required.has(name), hidden, declaration: rangeOf(keyNode),
      ...(choices.length > 0 ? { choices } : {}),
      ...(defaultNode && defaultNode.type !== 'object' && defaultNode.type !== 'array' ? { defaultValue: String(defaultNode.value) } : {}),
    };
    if (control === 'group' && depth < 2) field.fields = fieldsOf(value, rangeOf, depth + 1);
    fields.push(field);
  }
  return fields;
}

function propertyNode(objectNode: Node, key: string): Node | undefined {
  if (objectNode.type !== 'object') return undefined;
  const property = objectNode.children?.find((p) => p.children?.[0]?.value === key);
  return property?.children?.[1];
}

function stringProp(objectNode: Node, key: string): string | undefined {
  const node = propertyNode(objectNode, key);
  return node?.type === 'string' ? String(node.value) : undefined;
}

/** UTF-8 → base64 without Node's Buffer (the model is also built in browser hosts). */
function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
