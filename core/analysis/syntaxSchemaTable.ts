/**
 * Rule-table rows of the syntax and schema layer: the findings the engine itself reports (parse errors, schema
 * violations from vscode-json-languageservice mapped in schemaDiagnostics.ts, the size and cap notices). SSDK011
 * is also reported by the open-object and top-level key rules.
 */
import { row, rowsByCode, type RuleDoc } from './ruleRow';

/** The syntax/schema layer's rows (SSDK001–014 but SSDK004, a rule's; SSDK090–091). */
export const SYNTAX_SCHEMA_TABLE: readonly RuleDoc[] = [
  row('SSDK001', 'error', 'JSON syntax error', 'Fix the JSON syntax at the marked position.', 'connectionSpecs'),
  row('SSDK002', 'error', 'Comment not allowed', 'Remove the comment: the Flow Service accepts strict JSON only.', 'connectionSpecs'),
  row('SSDK003', 'error', 'Trailing comma', 'Remove the comma after the last element.', 'connectionSpecs'),
  row('SSDK005', 'error', 'Top level is not an object / empty file', 'Make the file a single JSON object.'),
  row('SSDK006', 'error', 'Member in the wrong object (a bracket moved)', 'A missing and an extra `}` or `]` balance, so the member sits in another object than its indentation says: move the bracket (quick fix).'),
  row('SSDK010', 'error', 'Schema violation', 'Change the value so it matches the documented structure.'),
  row('SSDK011', 'warning', 'Unknown property (did you mean …?)', 'Rename the key to one of the suggested names or remove it.'),
  row('SSDK012', 'error', 'Value not allowed (did you mean …?)', 'Use one of the allowed values (a quick fix offers the closest).'),
  row('SSDK013', 'error', 'Wrong value type', 'Use a value of the expected JSON type.'),
  row('SSDK014', 'hint', 'Deprecated property or value', 'Move to the replacement named in the message.'),
  row('SSDK090', 'info', 'Semantic checks skipped: document too large', 'Split the file: above the size or nesting limit only JSON syntax is checked, to keep the editor responsive.'),
  row('SSDK091', 'info', 'Analysis limit reached', 'Fix the reported problems first; further findings were suppressed.'),
];

/** The layer's rows by code. */
export const SYNTAX_SCHEMA_ROWS = rowsByCode(SYNTAX_SCHEMA_TABLE);
