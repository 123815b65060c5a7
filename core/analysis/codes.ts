/**
 * The rule table: every diagnostic code the engine can emit, with its severity, a title, what to do about it
 * and the Adobe documentation page the rule comes from (core/spec/adobeDocs.ts). docs/diagnostics.md is rendered from this table
 * (a unit test fails when the file is out of date). Codes are stable: never reuse one for a different meaning.
 */
import { ADOBE_DOCS, type AdobeDocPage } from '../spec/adobeDocs';
import type { RuleInfo, SeverityName } from './types';

/** A rule-table row plus the advice shown in the docs. */
export interface RuleDoc extends RuleInfo {
  /** What the author should do, in the imperative. */
  action: string;
}

function row(code: string, severity: SeverityName, title: string, action: string, docs?: AdobeDocPage): RuleDoc {
  return docs ? { code, severity, title, action, docs } : { code, severity, title, action };
}

/** Every code, in order. SSDK001–014 and SSDK090–091 come from the syntax/schema layer; the rest from rules. */
export const RULE_TABLE: RuleDoc[] = [
  // Syntax and schema layer (emitted by the engine).
  row('SSDK001', 'error', 'JSON syntax error', 'Fix the JSON syntax at the marked position.', 'connectionSpecs'),
  row('SSDK002', 'error', 'Comment not allowed', 'Remove the comment: the Flow Service accepts strict JSON only.', 'connectionSpecs'),
  row('SSDK003', 'error', 'Trailing comma', 'Remove the comma after the last element.', 'connectionSpecs'),
  row('SSDK004', 'error', 'Duplicate key', 'Keep one occurrence of the key; the server would silently use only one.', 'connectionSpecs'),
  row('SSDK005', 'error', 'Top level is not an object / empty file', 'Make the file a single JSON object.'),
  row('SSDK010', 'error', 'Schema violation', 'Change the value so it matches the documented structure.'),
  row('SSDK011', 'warning', 'Unknown property (did you mean …?)', 'Rename the key to one of the suggested names or remove it.'),
  row('SSDK012', 'error', 'Value not allowed (did you mean …?)', 'Use one of the allowed values (a quick fix offers the closest).'),
  row('SSDK013', 'error', 'Wrong value type', 'Use a value of the expected JSON type.'),
  row('SSDK014', 'hint', 'Deprecated property or value', 'Move to the replacement named in the message.'),
  row('SSDK090', 'info', 'Semantic checks skipped: document too large', 'Split the file: above the size or nesting limit only JSON syntax is checked, to keep the editor responsive.'),
  row('SSDK091', 'info', 'Analysis limit reached', 'Fix the reported problems first; further findings were suppressed.'),
  // Placeholders.
  row('SSDK101', 'error', 'Unresolved placeholder', 'Declare the parameter in sourceSpec.spec.properties (quick fix) or in every authSpec, or fix the name.', 'sourceSpec'),
  row('SSDK102', 'warning', 'Placeholder resolves only in some auth specs', 'Declare the property in every authSpec entry, or in sourceSpec.spec.properties.', 'sourceSpec'),
  row('SSDK103', 'warning', '`{name}` without `$`', 'Write `${name}` (quick fix): without `$` the text is sent literally. Reported only for declared parameters in URL, query, header and body values.', 'sourceSpec'),
  row('SSDK104', 'warning', 'Legacy `{{NAME}}` placeholder', 'Write `${NAME}` (quick fix): the double-brace form is from the legacy format.', 'sourceSpec'),
  row('SSDK105', 'warning', 'Unreplaced template text', 'Replace the `{…}` template text (any case, spaces allowed) with the real value. Where the schema only takes certain values (enum, object, number…) the template text is that schema error instead (SSDK010/012/013) and the quick fix offers the allowed values.', 'sourceSpec'),
  row('SSDK106', 'hint', 'Unused source parameter', 'Use the parameter as `${name}` in urlParams/headerParams/bodyParams, or remove it. Uses written `{{name}}` or `{name}` count (they get their own finding).', 'sourceSpec'),
  row('SSDK107', 'warning', 'Malformed placeholder', 'Write a placeholder as `${name}` with a parameter name and a closing brace.', 'sourceSpec'),
  // Pagination.
  row('SSDK201', 'error', 'Pagination field missing for this type', 'Add the fields the pagination type needs (quick fix adds them with sample values).', 'sourceSpec'),
  row('SSDK202', 'warning', 'Pagination field ignored for this type', 'Remove the field or change `type` to the pagination type that uses it.', 'sourceSpec'),
  row('SSDK203', 'warning', '`offsetName` spelling', 'Write `offSetName` (quick fix), the spelling every working example uses.', 'sourceSpec'),
  row('SSDK204', 'warning', 'End condition incomplete', 'Give `endConditionName` and `endConditionValue` together, or neither.', 'sourceSpec'),
  row('SSDK205', 'warning', '`endConditionValue` without `Const:`', 'Write the value as `Const:<value>`, e.g. `Const:false`.', 'sourceSpec'),
  row('SSDK206', 'hint', 'Number written as a string', 'Optional: write the number without quotes (quick fix). Only for fields a documented meta-schema types as a number (`limitValue`); the string form the docs use is accepted.', 'sourceSpec'),
  row('SSDK207', 'warning', '`NONE` pagination with other keys', 'Remove the other keys: pagination type NONE takes none.', 'sourceSpec'),
  row('SSDK208', 'error', 'Pagination number out of range', 'Use an integer ≥ 0 for `initialPageIndex` and > 0 for `maximumRequest`.', 'sourceSpec'),
  row('SSDK209', 'error', 'Invalid continuation-token `parameterType`', 'Use `QUERYPARAM` or `HEADERPARAM`.', 'sourceSpec'),
  row('SSDK210', 'warning', 'Invalid `endPageIndex`', 'Use an integer page number or `headers.<header-name>`.', 'sourceSpec'),
  // Scheduling.
  row('SSDK301', 'error', '`{SCHEDULE_QUERY}` without ADVANCE scheduling', 'Set `scheduleParams.type` to `ADVANCE` with `incremental`/`backfill` queries, or remove `{SCHEDULE_QUERY}`.', 'sourceSpec'),
  row('SSDK302', 'error', 'ADVANCE scheduling without `incremental`', 'Add `incremental`, the query for new or changed records (use `{START_TIME}`/`{END_TIME}`).', 'sourceSpec'),
  row('SSDK303', 'warning', 'ADVANCE scheduling never used', 'Put `{SCHEDULE_QUERY}` in a query/header/body parameter where the query should go.', 'sourceSpec'),
  row('SSDK304', 'warning', '`{START_TIME}`/`{END_TIME}` outside a schedule query', 'Use these runtime values only inside `incremental` or `backfill`.', 'sourceSpec'),
  row('SSDK305', 'error', 'Schedule parameter names missing', 'Add `scheduleStartParamName` and `scheduleEndParamName` (or use ADVANCE scheduling).', 'sourceSpec'),
  row('SSDK306', 'warning', 'Not a date pattern', 'Use date tokens such as `yyyy-MM-ddTHH:mm:ssZ`.', 'sourceSpec'),
  row('SSDK307', 'info', 'ADVANCE scheduling without `backfill`/`paramFormat`', 'Add `backfill` (history query) and `paramFormat` (date format of the time values).', 'sourceSpec'),
  row('SSDK308', 'warning', 'Schedule field of the other form', 'Standard (`scheduleStartParamName`…) and ADVANCE (`incremental`, `backfill`, `paramFormat`) keys do not mix: remove the ignored one or switch the form.', 'sourceSpec'),
  row('SSDK309', 'info', 'Source without a time filter', 'Nothing limits a run to new data: each run reads everything the request returns (ADVANCE scheduling with no `{START_TIME}`/`{END_TIME}` and no `{SCHEDULE_QUERY}`). Add the source\'s date filter when it has one.', 'sourceSpec'),
  // Authentication.
  row('SSDK401', 'error', 'Duplicate authSpec name', 'Give every authSpec entry a distinct `name`; base connections select it by name.', 'authSpec'),
  row('SSDK402', 'error', 'Unknown authSpec type', 'Use `OAuth2RefreshCode`, `BasicAuthentication` or `KeyBased` (the schema rejects other types, so this is an error).', 'authSpec'),
  row('SSDK403', 'warning', 'Legacy auth type `oAuth2-refresh-code`', 'Use type `OAuth2RefreshCode` with name `OAuth2 Refresh Code`.', 'authSpec'),
  row('SSDK404', 'info', 'Unusual authSpec name/type pair', 'Use the documented name for the type (e.g. `Basic Authentication` for `BasicAuthentication`).', 'authSpec'),
  row('SSDK405', 'warning', '`required` entry not declared', 'Declare the property in `properties` or remove it from `required`.', 'authSpec'),
  row('SSDK406', 'warning', 'Secret without `format: password`', 'Add `"format": "password"` so the value is masked and stored as a secret.', 'authSpec'),
  row('SSDK407', 'error', 'Invalid `authenticationMethod`', 'Use `GET` or `POST`.', 'authSpec'),
  row('SSDK408', 'error', 'KeyBased auth without `authKey1`', 'Declare `authKey1` (string, `format: password`) and list it in `required`.', 'authSpec'),
  row('SSDK409', 'warning', 'Unsupported `restAttributes` key', 'Use only `headerParamName` in `restAttributes`.', 'authSpec'),
  row('SSDK410', 'error', 'Invalid HTTP header name', 'Use a header name that is an HTTP token: letters, digits and symbols such as `-` or `_`, no spaces or colons.', 'authSpec'),
  row('SSDK411', 'warning', '`expirationDate` not hidden', 'Add `"uiAttributes": {"hidden": true}`: the value is managed, not typed by users.', 'authSpec'),
  // Structure of sourceSpec, exploreSpec and profile.
  row('SSDK501', 'warning', 'JSONPath does not start with `$`', 'Start the path with `$`, e.g. `$.items`.', 'sourceSpec'),
  row('SSDK502', 'info', '`pointerPath` without `$.`', 'Prefer the JSONPath form `$.paging.next`.', 'sourceSpec'),
  row('SSDK503', 'info', 'Legacy `contentPath` string form', 'Use `{"path": "$.items"}`; the object form supports skip/keepAttributes.', 'sourceSpec'),
  row('SSDK504', 'warning', '`skipAttributes` and `keepAttributes` overlap', 'Remove the attribute from one of the two lists.', 'sourceSpec'),
  row('SSDK505', 'warning', 'POST without `bodyParams`', 'Add `bodyParams` with the request body, or use `GET`.', 'sourceSpec'),
  row('SSDK506', 'warning', '`bodyParams` with GET', 'Use `method: "POST"` or remove `bodyParams`; a GET sends no body.', 'sourceSpec'),
  row('SSDK508', 'hint', 'exploreSpec differs from the canonical block', 'Paste the canonical `Resource` exploreSpec unchanged.', 'exploreSpec'),
  row('SSDK509', 'warning', 'Streaming exploreSpec not canonical', 'Use `{"type": "StreamingConnection"}`.', 'exploreSpec'),
  row('SSDK510', 'error', 'providerId does not match the spec type', 'Use the providerId the message names for this `type`.', 'createSpec'),
  row('SSDK511', 'error', 'Batch spec without authSpec', 'Add at least one authSpec entry.', 'createSpec'),
  row('SSDK512', 'error', 'Batch sourceSpec.attributes incomplete', 'Add urlParams, contentPath, paginationParams and scheduleParams.', 'createSpec'),
  row('SSDK513', 'warning', 'Streaming profile mismatch', 'Use the streaming values the message names.', 'createSpec'),
  row('SSDK514', 'warning', 'Batch-only field in a streaming spec', 'Remove it: streaming sources receive data by webhook.', 'createSpec'),
  row('SSDK515', 'warning', 'Unknown category key', 'Use a camelCase category key such as `marketingAutomation` (quick fix for display names).', 'sourceSpec'),
  row('SSDK516', 'error', 'icon/label/description needs exactly one of key or text', 'Keep either `key` (production) or `text` (testing).', 'sourceSpec'),
  row('SSDK517', 'info', '`text` is for testing only', 'Replace `text` by the `key` you received for your artifacts before submitting.', 'sourceSpec'),
  row('SSDK518', 'warning', 'Server-managed field', 'Remove it: the server assigns and overwrites this field.', 'connectionSpecs'),
  row('SSDK519', 'warning', '`version` is not a string', 'Write the version as a string, e.g. `"1.0"` (quick fix).', 'createSpec'),
  row('SSDK520', 'warning', 'No host anywhere', 'Set `urlParams.host` or declare `host` in every authSpec entry.', 'sourceSpec'),
  row('SSDK521', 'error', 'Permission not allowed in this list', 'List only `read` under `view` and only `write` under `manage` (quick fix).', 'createSpec'),
  row('SSDK522', 'warning', 'Permission `@type` is not `lowLevel`', 'Write `"@type": "lowLevel"` (quick fix); a case variant such as `lowlevel` is only an info.', 'createSpec'),
  row('SSDK523', 'warning', 'Permission resource does not match the source kind', 'Use `EnterpriseSource` for batch (generic-rest, RestStorageToAEP) and `StreamingSource` for streaming (quick fix).', 'createSpec'),
  row('SSDK524', 'warning', 'Key of another level inside sourceSpec.attributes', 'Move it where it belongs: `spec` is `sourceSpec.spec` (the user inputs), `queryParams` goes inside `urlParams` (the legacy attributes-level form).', 'createSpec'),
  row('SSDK530', 'info', 'Guessed from the API description', 'Check the value against a preview; then change it, or *Mark as checked* (quick fix) to remove the guess from the spec\'s `.guesses.json` file.'),
  // Flow spec.
  row('SSDK601', 'error', 'Connection spec id is not a UUID', 'Use the UUID the Flow Service returned when the spec was created.', 'updateFlowSpecs'),
  row('SSDK602', 'warning', 'Duplicate connection spec id', 'Remove the duplicate (quick fix).', 'updateFlowSpecs'),
  row('SSDK603', 'warning', 'Unexpected target connection spec', 'SDK flow specs target only the Data Lake spec `c604ff05-7f1a-43c0-8e18-33bf874cb11c`.', 'updateFlowSpecs'),
  row('SSDK604', 'error', '`transformationSpec` (singular)', 'Rename to `transformationSpecs` (quick fix).', 'flowSpecs'),
  row('SSDK605', 'error', 'Unexpected scheduleSpec name/type', 'Use `"name": "PeriodicSchedule"` and `"type": "Periodic"` (the only values the schema accepts).', 'flowSpecs'),
  row('SSDK606', 'warning', 'scheduleSpec in a streaming flow spec', 'Remove `scheduleSpec`: streaming dataflows are not scheduled.', 'flowSpecs'),
  row('SSDK607', 'warning', '`partialIngestionPercent` option not as documented', 'Declare it as `{"type": "number", "exclusiveMinimum": 0}` (quick fix).', 'flowSpecs'),
  row('SSDK608', 'warning', '`errorDiagnosticsEnabled` option not as documented', 'Declare it as `{"type": "boolean", "default": false}` (quick fix).', 'flowSpecs'),
  row('SSDK609', 'warning', 'Known flow spec without source connection specs', 'GET the current flow spec and append your id to its `sourceConnectionSpecIds`: a PUT replaces the whole list.', 'updateFlowSpecs'),
  row('SSDK610', 'warning', 'Id of the remote copy missing from the list', 'Put the ids the remote copy lists back (quick fix): a PUT with a shorter list unregisters those sources. Compared only when the remote copy is known (linked or cached).', 'updateFlowSpecs'),
  row('SSDK611', 'warning', 'Flow spec id and name of two different known flow specs', 'Make `id` and `name` belong to the same flow spec: a PUT goes to the id, whatever the name says.', 'updateFlowSpecs'),
  row('SSDK612', 'info', 'A full PUT replaces the source list', 'Before a PUT, GET the current flow spec and keep every id present remotely; only append your id. Shown when no remote copy is known to compare with.', 'updateFlowSpecs'),
  // Embedded JSON Schemas.
  row('SSDK701', 'error', '`$schema` is not draft-07', 'Write exactly `http://json-schema.org/draft-07/schema#` (quick fix).', 'authSpec'),
  row('SSDK703', 'warning', '`$schema` with the documented `http: //` typo', 'Remove the space (quick fix). The service accepts the typo of the canonical exploreSpec, so it does not block an upload.', 'authSpec'),
  row('SSDK702', 'warning', 'Embedded schema is not an object schema', 'Use `"type": "object"` with `properties`.', 'authSpec'),
  // Artifacts folder (Sources/{source}/Artifacts): reported on the artifact files themselves.
  row('SSDK801', 'error', 'Artifact file missing', 'Add the file the message names: every source submits {source}-category.txt, -description.txt, -icon.svg, -label.txt and -connectionSpec.json.'),
  row('SSDK802', 'error', 'Artifact file named with another source prefix', 'Rename the file to the expected name in the message (all five files share one {source} prefix).'),
  row('SSDK803', 'error', 'Category file empty or more than one line', 'Write exactly one line holding one category key.'),
  row('SSDK804', 'error', 'Unknown category key (did you mean …?)', 'Use a camelCase category key such as `marketingAutomation`, not a display name.'),
  row('SSDK805', 'error', 'Category `streaming` and the spec kind disagree', 'Use `streaming` for generic-streaming specs only, and a batch category for generic-rest specs.'),
  row('SSDK806', 'error', 'Label or description file empty', 'Write the text users see in the sources catalog.'),
  row('SSDK807', 'error', 'Label file has more than one line', 'Put the label on one line.'),
  row('SSDK808', 'error', 'Icon is not an SVG document', 'Submit a real SVG: an XML file whose root element is `<svg>` (a PNG or JPEG renamed .svg is refused).'),
  row('SSDK809', 'warning', 'Icon without `viewBox`', 'Add a `viewBox` to the `<svg>` root so the icon scales to the catalog tile.'),
  row('SSDK810', 'error', 'Unsafe content in the icon', 'Remove scripts, event-handler attributes, DOCTYPE/entities, style sheets and external references: the icon is shown inside Experience Platform.'),
  row('SSDK811', 'warning', 'Category differs from the spec', 'Make `uiAttributes.category.key` and the category file hold the same key.'),
  row('SSDK812', 'warning', 'Label/description text differs from the spec', 'Make `uiAttributes.label.text`/`description.text` and the artifact file say the same.'),
  // Workspace-wide checks (the language server's workspace index).
  row('SSDK820', 'info', 'Linked connection spec not registered in a flow spec', 'Run *Register in Flow Spec* (code action) so dataflows can use the spec, or pull the flow spec that lists it into the workspace.'),
  row('SSDK821', 'warning', 'Two connection specs with one name', 'Give each connection spec its own `name`: fetch and upload look specs up by name.'),
];

const BY_CODE = new Map(RULE_TABLE.map((info) => [info.code, info]));

/** The table row for `code`, or undefined for an unknown code. */
export function ruleInfo(code: string): RuleDoc | undefined {
  return BY_CODE.get(code);
}

/** LSP DiagnosticSeverity number for a severity name (Error=1 … Hint=4). */
export function severityNumber(severity: SeverityName): 1 | 2 | 3 | 4 {
  switch (severity) {
    case 'error': return 1;
    case 'warning': return 2;
    case 'info': return 3;
    default: return 4;
  }
}

/** Renders docs/diagnostics.md from RULE_TABLE. A unit test keeps the committed file identical to this output. */
export function renderDiagnosticsTable(): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const lines = [
    '# Diagnostics',
    '',
    'Every diagnostic carries `source: sources-sdk` and one of these stable codes. The file is generated from',
    '`core/analysis/codes.ts` (`renderDiagnosticsTable()`); `test/unit/rules/docs.test.ts` fails when it is out of date.',
    'The last column links the Adobe documentation page the rule comes from.',
    '',
    'How findings combine:',
    '',
    '- **No finding hides an error.** Where a semantic rule and the schema see the same problem, the rule\'s message',
    '  replaces the schema\'s only when it is about the same key or value at the same or a higher severity. A missing',
    '  required property stays an error on its object\'s key whatever else is reported inside that object.',
    '- **Template text keeps the schema\'s severity.** `{…}` text from the documentation\'s templates (any case, spaces',
    '  allowed) in a slot that only takes certain values (an enum, an object, a number) is the schema error, with the',
    '  allowed values as quick fixes; elsewhere it is SSDK105.',
    '- **One problem, one report after a syntax error.** Findings caused by a JSON syntax error (on the member the parser',
    '  could not read, and right after it) are left out; findings elsewhere in the file stay.',
    '- Unknown keys (SSDK011) are warnings: the Flow Service ignores them, but they are usually a misspelling.',
    '',
    '| Code | Severity | Meaning | What to do | Documentation |',
    '| --- | --- | --- | --- | --- |',
    ...RULE_TABLE.map((info) =>
      `| ${info.code} | ${info.severity} | ${escape(info.title)} | ${escape(info.action)} | ${info.docs ? `[${info.docs}](${ADOBE_DOCS[info.docs]})` : ''} |`),
    '',
  ];
  return lines.join('\n');
}
