/**
 * The tool's version, read from package.json when the bundles are built (esbuild inlines only this field), so the
 * language server's serverInfo, `sources-sdk --version` and SARIF's tool version never drift from the package.
 */
import { version } from '../package.json';

/** The `version` of package.json, e.g. "0.1.0". */
export const TOOL_VERSION: string = version;
