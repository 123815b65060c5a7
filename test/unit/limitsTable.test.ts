/**
 * docs/preview.md, docs/emulator.md and docs/submission.md state every limit (issue 18): each carries the one limits
 * table rendered from the constants that enforce the limits (emulator/limitsTable.ts, written by `npm run docs`), so
 * a changed constant or a new limit without its row shows here. Every flag and setting the table names exists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerEmulator } from '../../cli/commands/emulator';
import { registerPreview } from '../../cli/commands/preview';
import { DEFAULT_LIMITS } from '../../core/run/types';
import { DEFAULT_RUN_RECORDS } from '../../emulator/resources/runs';
import { LIMITS_TABLE_PAGES, limitRows, renderLimitsTable } from '../../emulator/limitsTable';

const ROOT = join(__dirname, '..', '..');

test('each of the three pages carries the limits table as rendered from the constants (npm run docs)', () => {
  const rendered = renderLimitsTable();
  for (const page of LIMITS_TABLE_PAGES) {
    const text = readFileSync(join(ROOT, page), 'utf8');
    const start = '<!-- generated:limits -->\n';
    const from = text.indexOf(start);
    const to = text.indexOf('<!-- end generated:limits -->');
    assert.ok(from >= 0 && to > from, `${page} has the generated:limits markers`);
    assert.equal(text.slice(from + start.length, to), rendered, `${page} lacks the current limits table; run npm run docs`);
  }
});

test('the table names each limit issue 18 added, with the values the code enforces', () => {
  const table = renderLimitsTable();
  for (const fact of [
    /one response .* \| 64 MiB \|/, // response size
    /records kept per run .* \| the first 1,000 \(emulator runs: 1,000\) \|/, // records count
    /size of the records kept .* \| 16 MiB \(emulator runs: 16 MiB\) \|/, // records size
    /pages \(requests\) per run \| 50;/, // page limit
    /one answer of the source .* \| 30 s; emulator explore 20 s \|/, // run timeout, explore wait
    /regular expressions .* refused/, // regex refusal
    /nesting of a record \| 100 levels/, // nesting depth
    /streaming event .* \| 100 levels and 1 MiB of JSON per event \|/, // inlet event size
    /request body sent to the emulator \| 10 MiB, 100 levels/, // emulator body
    /artifacts folder .* \| 2 MiB \|/, // artifact file size
    /where a secret may go/, /Adobe API or IMS host/, /header values/, /redirects followed per request \| 5 \|/,
  ]) assert.match(table, fact);
  // The engine's and the emulator runs' record caps are the same numbers today; the table shows both either way.
  assert.deepEqual(DEFAULT_RUN_RECORDS, { maxRecords: DEFAULT_LIMITS.maxRecords, maxRecordBytes: DEFAULT_LIMITS.maxRecordBytes });
});

test('every flag and setting the table names exists', () => {
  const program = new Command();
  registerPreview(program, () => undefined);
  registerEmulator(program, () => undefined);
  const flags = (name: string) => new Set(program.commands.find((c) => c.name() === name)!.options.map((o) => o.long));
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, unknown> } | Array<{ properties: Record<string, unknown> }> } };
  const configuration = manifest.contributes.configuration;
  const settings = new Set((Array.isArray(configuration) ? configuration : [configuration]).flatMap((c) => Object.keys(c.properties)));
  const named = limitRows().flatMap((row) => row.changeWith);
  assert.ok(named.length > 0);
  for (const knob of named) {
    const name = /`([^`]+)`/.exec(knob)![1]!;
    if (name.startsWith('sourcesSdk.')) {
      assert.ok(settings.has(name), `${name} is a setting in package.json`);
      continue;
    }
    const commands = /\((.+)\)/.exec(knob)?.[1]?.split(', ') ?? [];
    assert.ok(commands.length > 0, `${knob} says which command takes it`);
    for (const command of commands) assert.ok(flags(command).has(name), `sources-sdk ${command} has ${name}`);
  }
});
