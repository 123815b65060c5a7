/**
 * OAuth server-to-server access tokens from IMS (`POST {imsUrl}/ims/token/v3`, client_credentials grant).
 * Tokens are cached until 5 minutes before they expire, concurrent callers share one in-flight request, and a
 * token the Flow Service rejected can be invalidated so the next caller fetches a fresh one.
 */
import { assertCredentialHostAllowed, FlowServiceError } from './errors';
import { mapImsError, tryParseJson } from './errorMapping';
import { sendOnce, withRetries, type HttpContext } from './http';
import type { EnvironmentConfig } from './types';

/** Tokens are renewed this long before IMS says they expire. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

/** Source of bearer tokens for the Flow Service client. */
export interface TokenProvider {
  /** A valid access token, from cache when possible. */
  getToken(signal?: AbortSignal): Promise<string>;
  /** Forget `token` (the Flow Service answered 401 with it); the next `getToken` asks IMS again. */
  invalidate(token: string): void;
  /** The token currently cached, for redaction. */
  currentToken(): string | undefined;
}

export interface ImsTokenProviderOptions {
  environment: EnvironmentConfig;
  clientSecret: string | (() => Promise<string>);
  http: HttpContext;
  /** Called with every secret value learned (client secret, tokens) so redaction can hide them. */
  onSecret?: (value: string) => void;
}

/** Builds the token endpoint URL for an IMS root. */
export function imsTokenUrl(imsUrl: string): string {
  return `${imsUrl.replace(/\/+$/, '')}/ims/token/v3`;
}

/** Creates a caching IMS token provider. */
export function createImsTokenProvider(options: ImsTokenProviderOptions): TokenProvider {
  const { environment, http } = options;
  let cached: { token: string; renewAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function resolveSecret(): Promise<string> {
    const secret = typeof options.clientSecret === 'function' ? await options.clientSecret() : options.clientSecret;
    if (!secret) {
      throw new FlowServiceError(`No client secret is set for environment ${environment.name}`, 'config');
    }
    options.onSecret?.(secret);
    return secret;
  }

  async function fetchToken(signal?: AbortSignal): Promise<string> {
    const url = imsTokenUrl(environment.imsUrl);
    assertCredentialHostAllowed(url, 'IMS URL');
    if (!environment.clientId) throw new FlowServiceError(`No client id is set for environment ${environment.name}`, 'config');
    const secret = await resolveSecret();
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: environment.clientId,
      client_secret: secret,
      scope: environment.scopes.join(','),
    }).toString();
    const requestedAt = http.clock.now();
    const raw = await withRetries(
      http,
      `POST ${url}`,
      () => true, // asking for a token has no side effects, so it may always be repeated
      async (attempt) => {
        const answer = await sendOnce(
          http,
          { method: 'POST', url, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }, body: form },
          attempt,
          signal,
        );
        if (answer.status < 200 || answer.status >= 300) {
          throw mapImsError({ status: answer.status, bodyText: http.redact(answer.text), method: 'POST', url }, environment.name);
        }
        return answer;
      },
      signal,
    );
    const body = tryParseJson(raw.text) as { access_token?: unknown; expires_in?: unknown } | undefined;
    const token = typeof body?.access_token === 'string' ? body.access_token : undefined;
    if (!token) {
      throw new FlowServiceError(
        `IMS answered ${raw.status} without an access token for environment ${environment.name}: ${JSON.stringify(http.redact(raw.text).slice(0, 200))}`,
        'bad-response',
        { status: raw.status, method: 'POST', url },
      );
    }
    options.onSecret?.(token);
    const lifetimeMs = (typeof body?.expires_in === 'number' ? body.expires_in : 86_399) * 1000;
    // Short-lived tokens (tests, the emulator) would never be cached with a fixed 5-minute margin: use at most half.
    const margin = Math.min(TOKEN_REFRESH_MARGIN_MS, lifetimeMs / 2);
    cached = { token, renewAt: requestedAt + lifetimeMs - margin };
    return token;
  }

  return {
    async getToken(signal) {
      if (cached && http.clock.now() < cached.renewAt) return cached.token;
      if (!inFlight) {
        // Callers share one request; a caller's cancellation must not fail the others, so it is not passed down.
        inFlight = fetchToken(undefined).finally(() => {
          inFlight = undefined;
        });
        // Every caller gets the rejection; this branch only keeps an abandoned request from being "unhandled".
        inFlight.catch(() => undefined);
      }
      if (!signal) return inFlight;
      return raceWithSignal(inFlight, signal);
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
    currentToken: () => cached?.token,
  };
}

function raceWithSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new FlowServiceError('Token request was cancelled', 'cancelled'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new FlowServiceError('Token request was cancelled', 'cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
