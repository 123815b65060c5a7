/**
 * Contract of the Flow Service API client (implementation in core/api/flowServiceClient.ts).
 * Pure: no `vscode` import. The extension, the CLI and the tests all use this one client.
 */

/** Where to talk to and as whom. The client secret is passed separately and never stored here. */
export interface EnvironmentConfig {
  /** Display name, e.g. "Local emulator" or "ACME stage". */
  name: string;
  /** Gateway root, e.g. `https://platform.adobe.io`; the client appends `/data/foundation/flowservice`. */
  platformUrl: string;
  /** IMS root, e.g. `https://ims-na1.adobelogin.com`; the client appends `/ims/token/v3`. */
  imsUrl: string;
  /** `…@AdobeOrg`, sent as `x-gw-ims-org-id`. */
  orgId: string;
  /** Developer Console client id, sent as `x-api-key` and used for the token. */
  clientId: string;
  /** Sandbox name, sent as `x-sandbox-name` (default `prod`). */
  sandbox: string;
  /** OAuth scopes for the server-to-server token. */
  scopes: string[];
}

/** Resources of the flow-resources table (core/api/flowResources.ts). */
export type { FlowResource, InstanceResource } from './flowResources';

/** Collection path of a spec kind (defined by the kind table, core/spec/kinds.ts). */
import type { SpecResource } from '../spec/kinds';
export type { SpecResource };

/** A spec as the server returns it: authoring fields plus server-managed ones. */
export interface RemoteSpec {
  id: string;
  name: string;
  updatedAt?: number;
  createdAt?: number;
  [key: string]: unknown;
}

export interface ListOptions {
  /** `property` filters, e.g. `name==RestStorageToAEP`; several are ANDed. */
  property?: string[];
  /** `orderby`: a field with an optional `+`/`-` prefix (`-createdAt`); several separated by commas. */
  orderby?: string;
  /** Page size; the client follows `_links.next` / continuation tokens until done or `maxItems`. */
  limit?: number;
  maxItems?: number;
  signal?: AbortSignal;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** The operations the tools need. Every method throws {@link FlowServiceError} on failure. */
export interface FlowServiceClient {
  readonly environment: EnvironmentConfig;
  list(resource: SpecResource, options?: ListOptions): Promise<RemoteSpec[]>;
  get(resource: SpecResource, id: string, options?: CallOptions): Promise<RemoteSpec>;
  /** POST. Never blindly retried: after an ambiguous failure the client looks the spec up by name first. */
  create(resource: SpecResource, body: Record<string, unknown>, options?: CallOptions): Promise<RemoteSpec>;
  /** Full-body PUT. */
  update(resource: SpecResource, id: string, body: Record<string, unknown>, options?: CallOptions): Promise<RemoteSpec>;
}

/** One line of the exchange log. Secrets are already redacted when this is built. */
export interface ExchangeLogEntry {
  method: string;
  url: string;
  status: number | 'network-error' | 'aborted' | 'timeout';
  durationMs: number;
  requestId?: string;
  attempt: number;
  note?: string;
  /** The note in the editor's terms where `note` advises with the CLI's (the extension's log shows this one). */
  editorNote?: string;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  exchange?(entry: ExchangeLogEntry): void;
}

/** HTTP transport seam: global fetch by default; tests pass a recording fake. */
export type Transport = (url: string, init: RequestInit) => Promise<Response>;
