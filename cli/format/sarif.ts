/**
 * `--format sarif`: a SARIF 2.1.0 log (what GitHub code scanning and most CI dashboards ingest). Rules come from
 * the rule table so every code a result uses is described (`help.text`), with a link to docs/diagnostics.md.
 * SARIF wants `informationUri` and `helpUri` absolute: they are file: URLs of the docs next to the CLI, left out
 * where the docs are not installed (the VSIX ships no docs/) rather than written as relative paths.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULE_TABLE } from '../../core/analysis/codes';
import type { SeverityName } from '../../core/analysis/types';
import type { Finding } from './findings';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function level(severity: SeverityName): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/**
 * docs/diagnostics.md of the package the CLI runs from (dist/cli.js, or cli/format/ under tsx), if it is there.
 */
export function findDiagnosticsDoc(from: string = __dirname): string | undefined {
  let dir = from;
  for (let depth = 0; depth < 4; depth++) {
    const candidate = join(dir, 'docs', 'diagnostics.md');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

/**
 * Renders findings as a SARIF 2.1.0 document (one run, tool `sources-sdk`). `diagnosticsDoc` is the absolute path of
 * docs/diagnostics.md (found next to the CLI by default); with null the log carries no documentation links.
 */
export function formatSarif(findings: readonly Finding[], toolVersion: string, diagnosticsDoc: string | null = findDiagnosticsDoc() ?? null): string {
  const ruleIndex = new Map(RULE_TABLE.map((rule, index) => [rule.code, index]));
  const docUrl = diagnosticsDoc ? pathToFileURL(diagnosticsDoc).href : undefined;
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'sources-sdk',
          version: toolVersion,
          ...(docUrl ? { informationUri: docUrl } : {}),
          rules: RULE_TABLE.map((rule) => ({
            id: rule.code,
            name: rule.title,
            shortDescription: { text: rule.title },
            fullDescription: { text: rule.action },
            help: { text: rule.action },
            ...(docUrl ? { helpUri: `${docUrl}#${rule.code.toLowerCase()}` } : {}),
            defaultConfiguration: { level: level(rule.severity) },
          })),
        },
      },
      results: findings.map((f) => ({
        ruleId: f.code,
        ...(ruleIndex.has(f.code) ? { ruleIndex: ruleIndex.get(f.code) } : {}),
        level: level(f.severity),
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: toUriReference(f.file) },
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
        }],
      })),
    }],
  };
  return JSON.stringify(log, null, 2);
}

/** A path as a SARIF URI reference: absolute paths as file: URLs, relative ones percent-encoded with forward slashes. */
function toUriReference(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path.replace(/\\/g, '/').split('/').map((segment) => encodeURIComponent(segment)).join('/');
}
