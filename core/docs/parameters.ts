/**
 * How the generated documentation page describes a parameter (the description and example cells of its tables), and
 * the context every section is written from.
 */
import { code, codeValue } from './markdown';
import type { DocParameter, SourceFacts } from './sourceFacts';

/** The values the sections put into requests. */
export interface PageContext {
  facts: SourceFacts;
  /** The linked id, else `{CONNECTION_SPEC_ID}`. */
  specId: string;
}

/** Marks a table cell only the author can fill. */
const AUTHOR_CELL = '_AUTHOR:_';

/** A parameter's description cell: its description and what the schema says about it. */
export function describeParameter(parameter: DocParameter): string {
  const notes: string[] = [];
  if (parameter.required) notes.push('**Required.**');
  notes.push(parameter.description ?? `${AUTHOR_CELL} describe this value (the schema has no description).`);
  if (parameter.type) notes.push(`Type: ${code(parameter.type)}.`);
  if (parameter.allowed) notes.push(`One of ${parameter.allowed.map(codeValue).join(', ')}.`);
  if (parameter.default !== undefined && !parameter.secret) notes.push(`Default: ${codeValue(parameter.default)}.`);
  if (parameter.secret) notes.push('Secret: keep it out of logs and screenshots.');
  if (parameter.hidden) notes.push('Hidden in the Experience Platform UI.');
  return notes.join(' ');
}

/** The example cell: the schema's example value, or a request to the author (never one for a secret). */
export function exampleCell(parameter: DocParameter): string {
  if (parameter.secret) return '_secret: no example_';
  if (parameter.exampleSource === 'placeholder') return `${AUTHOR_CELL} an example value`;
  return codeValue(parameter.example);
}
