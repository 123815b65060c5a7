/**
 * Base-connection secrets: which auth params are secret, and how the emulator keeps them. A GET never returns
 * a secret (its value is replaced by `[REDACTED]`), and the stored record holds secrets only AES-256-GCM
 * encrypted in an internal field the routes never serve. The key lives in `<dataDir>/.secrets.key` (mode 0600,
 * created on first use) so runs still work after a restart; without a data folder it is random per process.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { loadOrCreateKey } from '../keyFile';
import { isSecretName, isSecretProperty, type PropertySchema } from '../../core/spec/parameters';

/** What a GET shows in place of a secret value; sending it back in a PATCH keeps the stored secret. */
export const SECRET_MASK = '[REDACTED]';

/**
 * The secret names among an auth spec's properties and the posted params, by the one secret rule
 * (core/spec/parameters.ts): a declared property by its schema and name, an undeclared param by its name.
 */
export function secretParamNames(authSchema: unknown, params: Record<string, unknown>): Set<string> {
  const properties = ((authSchema as { properties?: unknown } | undefined)?.properties ?? {}) as Record<string, PropertySchema>;
  const names = Object.keys(properties).filter((name) => isSecretProperty(name, properties[name]));
  for (const name of Object.keys(params)) if (!(name in properties) && isSecretName(name)) names.push(name);
  return new Set(names);
}

/** Splits params into what may be shown (secrets masked) and the secret values. */
export function splitSecrets(
  params: Record<string, unknown>,
  secretNames: Set<string>,
): { shown: Record<string, unknown>; secrets: Record<string, unknown> } {
  const shown: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    if (secretNames.has(name)) {
      secrets[name] = value;
      shown[name] = SECRET_MASK;
    } else {
      shown[name] = value;
    }
  }
  return { shown, secrets };
}

/** Encrypts and decrypts the secret part of auth params with one key per emulator data folder. */
export class SecretBox {
  private key: Promise<Buffer> | undefined;

  constructor(private readonly dataDir: string | undefined) {}

  private loadKey(): Promise<Buffer> {
    this.key ??= loadOrCreateKey(this.dataDir, '.secrets.key');
    return this.key;
  }

  /** `iv.tag.ciphertext`, base64url parts. */
  async seal(secrets: Record<string, unknown>): Promise<string> {
    const key = await this.loadKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
  }

  /** The secrets sealed by `seal`; throws when the key changed (e.g. `.secrets.key` deleted). */
  async open(sealed: string): Promise<Record<string, unknown>> {
    const key = await this.loadKey();
    const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    if (!iv || !tag || !body) throw new Error('the stored secrets are damaged');
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    const text = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    return JSON.parse(text) as Record<string, unknown>;
  }
}
