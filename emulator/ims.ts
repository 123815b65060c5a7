/**
 * The IMS part of the emulator: `POST /ims/token/v3` (OAuth server-to-server, client_credentials) and the
 * token table the Flow Service routes check bearer tokens against.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { json, readBody, type Reply, type RequestContext } from './http';

export const IMS_TOKEN_PATH = '/ims/token/v3';
export const DEFAULT_TOKEN_TTL_SECONDS = 86399;
/** Most tokens remembered at once; a client asking for more than this many is only hurting itself. */
export const MAX_TOKENS = 10_000;
/** The table is swept for expired tokens when it reaches this size, then each time it doubles. */
const SWEEP_MIN = 256;

interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

export type TokenCheck = { ok: true; clientId: string } | { ok: false };

/** Compares secrets in constant time (hashing first so lengths never leak). */
function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

function imsError(status: number, error: string, description: string): Reply {
  return json(status, { error, error_description: description });
}

/** Issues opaque tokens and remembers, for each, its client id and expiry. Tokens live in memory only. */
export class TokenAuthority {
  private readonly tokens = new Map<string, IssuedToken>();
  private sweepAt = SWEEP_MIN;

  constructor(
    private readonly fixedCredentials: { clientId: string; clientSecret: string } | undefined,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Issues a token directly (tests and the bench use it to skip the HTTP exchange). */
  issue(clientId: string): { accessToken: string; expiresIn: number } {
    this.shrink();
    const accessToken = `emu-${randomBytes(24).toString('base64url')}`;
    this.tokens.set(accessToken, { clientId, expiresAt: this.now() + this.ttlSeconds * 1000 });
    return { accessToken, expiresIn: this.ttlSeconds };
  }

  /** Tokens currently remembered (tests check that the table shrinks). */
  get size(): number {
    return this.tokens.size;
  }

  /**
   * Keeps the table bounded: expired tokens are dropped (swept once the table has doubled since the last sweep, so
   * the cost stays O(1) per issue on average), and past {@link MAX_TOKENS} the oldest are forgotten (their clients
   * get a 401 and fetch a new one, as after an expiry).
   */
  private shrink(): void {
    if (this.tokens.size >= this.sweepAt) {
      const now = this.now();
      for (const [token, issued] of this.tokens) if (issued.expiresAt <= now) this.tokens.delete(token);
      this.sweepAt = Math.max(SWEEP_MIN, this.tokens.size * 2);
    }
    for (const token of this.tokens.keys()) {
      if (this.tokens.size < MAX_TOKENS) break;
      this.tokens.delete(token); // Map order is issue order: the oldest go first
    }
  }

  /** Resolves a bearer token to its client, or fails if unknown or expired (expired ones are forgotten). */
  check(token: string): TokenCheck {
    const issued = this.tokens.get(token);
    if (!issued) return { ok: false };
    if (issued.expiresAt <= this.now()) {
      this.tokens.delete(token);
      return { ok: false };
    }
    return { ok: true, clientId: issued.clientId };
  }

  /** Forgets every token, as if they had all expired (lets tests exercise the refresh path). */
  revokeAll(): void {
    this.tokens.clear();
  }

  async handleTokenRequest(ctx: RequestContext): Promise<Reply> {
    if (ctx.method !== 'POST') return imsError(405, 'invalid_request', 'use POST');
    // Parameters may come as query parameters or as a form body; the body wins when both are present.
    const params = new URLSearchParams(ctx.url.search);
    const contentType = String(ctx.req.headers['content-type'] ?? '');
    const body = await readBody(ctx.req);
    if (body.length > 0 && contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      for (const [key, value] of new URLSearchParams(body)) params.set(key, value);
    }
    const grantType = params.get('grant_type');
    const clientId = params.get('client_id') ?? '';
    const clientSecret = params.get('client_secret') ?? '';
    if (!grantType) return imsError(400, 'invalid_request', 'missing grant_type parameter');
    if (grantType !== 'client_credentials') {
      return imsError(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported; use client_credentials`);
    }
    if (!clientId) return imsError(400, 'invalid_request', 'missing client_id parameter');
    if (!clientSecret) return imsError(400, 'invalid_request', 'missing client_secret parameter');
    if (this.fixedCredentials) {
      if (!sameSecret(clientId, this.fixedCredentials.clientId)) {
        return imsError(401, 'invalid_client', 'invalid client_id parameter');
      }
      if (!sameSecret(clientSecret, this.fixedCredentials.clientSecret)) {
        return imsError(401, 'invalid_client', 'invalid client_secret parameter');
      }
    }
    const { accessToken, expiresIn } = this.issue(clientId);
    return json(200, { access_token: accessToken, token_type: 'bearer', expires_in: expiresIn });
  }
}
