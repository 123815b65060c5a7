/**
 * The IMS part of the emulator: `POST /ims/token/v3` (OAuth server-to-server, client_credentials) and the check of
 * the bearer tokens the Flow Service routes receive.
 *
 * Tokens are verified without memory: each is a JWT (HS256) whose claims say to which client it was issued, when,
 * and for how long (`client_id`, `created_at`, `expires_in` in ms, as IMS access tokens carry them), signed with a
 * key kept in the data folder (`DIR/.ims-token.key`, mode 0600). So a token stays valid across a restart until it
 * expires, as a real one does for 24 hours, and the emulator's memory does not grow with the tokens it issues.
 * Without a data folder the key is random per run: tokens then end with the process, like everything else.
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { json, readBody, type Reply, type RequestContext } from './http';

export const IMS_TOKEN_PATH = '/ims/token/v3';
export const DEFAULT_TOKEN_TTL_SECONDS = 86399;
/** The data-folder file of the signing key. */
export const TOKEN_KEY_FILE = '.ims-token.key';

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

const JWT_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' }), 'utf8').toString('base64url');

/** The claims the emulator puts in a token (the names IMS access tokens use). */
interface TokenClaims {
  type: 'access_token';
  client_id: string;
  /** Epoch ms, as a string (IMS's form). */
  created_at: string;
  /** Lifetime in ms, as a string. */
  expires_in: string;
  jti: string;
}

/** Issues and verifies signed tokens. */
export class TokenAuthority {
  private readonly key: Buffer;

  /**
   * @param key the signing key (see `loadOrCreateKey`); a random one when omitted (tokens then end with this
   * authority).
   */
  constructor(
    private readonly fixedCredentials: { clientId: string; clientSecret: string } | undefined,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
    key?: Buffer,
  ) {
    this.key = key ?? randomBytes(32);
  }

  private sign(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url');
  }

  /** Issues a token directly (tests and the bench use it to skip the HTTP exchange). */
  issue(clientId: string): { accessToken: string; expiresIn: number } {
    const claims: TokenClaims = {
      type: 'access_token',
      client_id: clientId,
      created_at: String(this.now()),
      expires_in: String(this.ttlSeconds * 1000),
      jti: randomUUID(),
    };
    const unsigned = `${JWT_HEADER}.${Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url')}`;
    return { accessToken: `${unsigned}.${this.sign(unsigned)}`, expiresIn: this.ttlSeconds };
  }

  /** Resolves a bearer token to its client, or fails when it is not one this key signed or it has expired. */
  check(token: string): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== JWT_HEADER) return { ok: false };
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]!);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false };
    let claims: Partial<TokenClaims>;
    try {
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Partial<TokenClaims>;
    } catch {
      return { ok: false };
    }
    const expiresAt = Number(claims.created_at) + Number(claims.expires_in);
    if (typeof claims.client_id !== 'string' || !Number.isFinite(expiresAt) || expiresAt <= this.now()) return { ok: false };
    return { ok: true, clientId: claims.client_id };
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
