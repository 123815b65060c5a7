/** Rule 15: `sourceSpec.attributes.uiAttributes` category key and the icon/label/description references. */
import { asObject, findProperty, getPath, stringValue } from '../astUtil';
import { wholeTemplate } from '../placeholders';
import type { Rule, RuleContext } from '../types';
import { row } from '../ruleRow';

/** Category keys (camelCase). `analytics` and `consentAndPreferences` are inferred from the artifact list. */
export const CATEGORY_KEYS = ['advertising', 'analytics', 'cloudStorage', 'consentAndPreferences', 'crm',
  'customerSuccess', 'database', 'ecommerce', 'marketingAutomation', 'payments', 'protocols', 'streaming'];

const BY_LOOSE_FORM = new Map(CATEGORY_KEYS.map((key) => [looseForm(key), key]));

function looseForm(text: string): string {
  let result = '';
  for (const c of text.toLowerCase()) if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) result += c;
  return result;
}

/** The camelCase key for a display-style category (`"marketing automation"` → `marketingAutomation`). */
export function categoryKeyFor(display: string): string | undefined {
  return BY_LOOSE_FORM.get(looseForm(display));
}

export const uiAttributesRule: Rule = {
  table: [
    row('SSDK515', 'warning', 'Unknown category key', 'Use a camelCase category key such as `marketingAutomation` (quick fix for display names).', 'sourceSpec'),
    row('SSDK516', 'error', 'icon/label/description needs exactly one of key or text', 'Keep either `key` (production) or `text` (testing).', 'sourceSpec'),
    row('SSDK517', 'info', '`text` is for testing only', 'Replace `text` by the `key` you received for your artifacts before submitting.', 'sourceSpec'),
  ],
  kinds: ['connectionSpec'],
  reads: ['sourceSpec.attributes.uiAttributes'],
  run(ctx) {
    const ui = asObject(getPath(ctx.root, ['sourceSpec', 'attributes', 'uiAttributes']));
    if (!ui) return;
    const keyNode = getPath(ui, ['category', 'key']);
    const key = stringValue(keyNode);
    // Template text ("{CATEGORY}") is reported once, as such (SSDK105), not also as an unknown key.
    if (keyNode && key !== undefined && !CATEGORY_KEYS.includes(key) && !wholeTemplate(key)) {
      const suggestion = categoryKeyFor(key);
      ctx.report({ code: 'SSDK515', node: keyNode, data: suggestion ? { candidates: [suggestion] } : undefined,
        message: suggestion
          ? `"${key}" is a display name: use the category key "${suggestion}".`
          : `Unknown category key "${key}": use one of ${CATEGORY_KEYS.join(', ')}.` });
    }
    for (const name of ['icon', 'label', 'description']) checkReference(ctx, ui, name);
  },
};

function checkReference(ctx: RuleContext, ui: ReturnType<typeof asObject>, name: string): void {
  const prop = findProperty(ui, name);
  const value = asObject(prop?.valueNode);
  if (!prop || !value) return;
  const key = findProperty(value, 'key');
  const text = findProperty(value, 'text');
  if (!!key === !!text) {
    ctx.report({ code: 'SSDK516', node: prop.valueNode ?? prop.keyNode,
      message: `uiAttributes.${name} needs exactly one of "key" (the artifact id you received) or "text" (testing only).` });
  } else if (text) {
    ctx.report({ code: 'SSDK517', node: text.keyNode,
      message: `uiAttributes.${name}.text is for testing only: replace it with the "key" assigned to your artifacts before submitting.` });
  }
}
