/** The Flow Service API client and its parts. */
export * from './types';
export * from './errors';
export { createFlowServiceClient, flowServiceBaseUrl, FLOW_SERVICE_PATH, type FlowServiceClientOptions, type FlowServiceClientWithExtras } from './flowServiceClient';
export { createImsTokenProvider, imsTokenUrl, TOKEN_REFRESH_MARGIN_MS, type TokenProvider } from './imsToken';
export { createRedactor, REDACTED, type Redactor } from './redact';
export { isCredentialHostAllowed, assertCredentialHostAllowed, isLoopbackHost } from './hostPolicy';
export { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, systemClock, type Clock, type RetryPolicy } from './http';
