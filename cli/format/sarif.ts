/**
 * `--format sarif`: a SARIF 2.1.0 log (what GitHub code scanning and most CI dashboards ingest). Rules come from
 * the rule table so every code a result uses is described, with a link to docs/diagnostics.md.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULE_TABLE } from '../../core/analysis/codes';
import type { SeverityName } from '../../core/analysis/types';
import type { Finding } from './findings';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function level(severity: SeverityName): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** Renders findings as a SARIF 2.1.0 document (one run, tool `sources-sdk`). */
export function formatSarif(findings: readonly Finding[], toolVersion: string): string {
  const ruleIndex = new Map(RULE_TABLE.map((rule, index) => [rule.code, index]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'sources-sdk',
          version: toolVersion,
          informationUri: 'docs/diagnostics.md',
          rules: RULE_TABLE.map((rule) => ({
            id: rule.code,
            name: rule.title,
            shortDescription: { text: rule.title },
            fullDescription: { text: rule.action },
            helpUri: `docs/diagnostics.md#${rule.code.toLowerCase()}`,
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
