/**
 * The auth types of a connection spec's `authSpec[]` entries, one table: per type the name it is normally shown
 * with and the credential properties its entry's `spec.properties` declares (as JSON Schema, the way the documented
 * examples write them: secrets with `format: password`, `expirationDate` hidden). The auth rule
 * (core/analysis/rules/auth.ts), the "missing type/name" quick fixes (core/analysis/schemaDiagnostics.ts),
 * completion inside `spec.properties` (core/analysis/authCompletion.ts) and the OpenAPI import's auth entries
 * (core/openapi/auth.ts) read it; test/unit/authTypes.test.ts ties it to the bundled schema's `type` enum and to the
 * example specs.
 */

/** A credential property's JSON Schema as authored in `spec.properties`. */
export type CredentialSchema = Readonly<Record<string, unknown>>;

export interface AuthCredential {
  /** The property's schema, as completion inserts it. */
  schema: CredentialSchema;
  /** Listed in the entry's `spec.required` in the documented examples. */
  required?: boolean;
  /** Seen among an entry's properties, it gives the entry's type away (`username` → BasicAuthentication). */
  identifies?: boolean;
}

export type AuthTypeName = 'OAuth2RefreshCode' | 'BasicAuthentication' | 'KeyBased';

export interface AuthType {
  type: AuthTypeName;
  /** The `name` the type is documented with. */
  name: string;
  /** The credential properties, in the order an author declares them. */
  credentials: Readonly<Record<string, AuthCredential>>;
}

/** The legacy spelling of `OAuth2RefreshCode` (old docs only); it expects the same credentials. */
export const LEGACY_OAUTH_TYPE = 'oAuth2-refresh-code';

const string = (description: string, extra: Record<string, unknown> = {}): CredentialSchema =>
  ({ type: 'string', description, ...extra });
const secret = (description: string, extra: Record<string, unknown> = {}): CredentialSchema =>
  string(description, { format: 'password', ...extra });

/** `host` is declared by every type in the examples when `urlParams.host` comes from auth (`${host}`). */
const HOST: AuthCredential = { schema: string('Base URL of the source\'s API, for example https://api.example.com.') };

/** The fields `requestParameterOverride` lets an author rename: all strings but the method (GET or POST). */
const OVERRIDE_FIELDS = ['accessTokenField', 'refreshTokenField', 'expireInField', 'authenticationMethod', 'clientId', 'clientSecret'];

export const AUTH_TYPES: Readonly<Record<AuthTypeName, AuthType>> = {
  OAuth2RefreshCode: {
    type: 'OAuth2RefreshCode',
    name: 'OAuth2 Refresh Code',
    credentials: {
      host: HOST,
      authorizationTestUrl: { schema: string('URL called to check the token when the connection is created; without it the credentials are checked when the source connection is created.') },
      clientId: { schema: string('Client ID of your OAuth app.'), identifies: true },
      clientSecret: { schema: secret('Client secret of your OAuth app.'), identifies: true },
      accessToken: { schema: secret('Access token.'), required: true },
      refreshToken: { schema: secret('Refresh token.'), identifies: true },
      expirationDate: { schema: string('When the access token expires (managed, not typed by users).', { format: 'date', uiAttributes: { hidden: true } }) },
      accessTokenUrl: { schema: string('Token endpoint used to refresh the access token.'), identifies: true },
      requestParameterOverride: {
        schema: {
          type: 'object',
          description: 'Names the source uses instead of the standard OAuth 2 fields.',
          properties: Object.fromEntries(OVERRIDE_FIELDS.map((field) => [field,
            field === 'authenticationMethod' ? { type: 'string', enum: ['GET', 'POST'] } : { type: 'string' }])),
        },
      },
    },
  },
  BasicAuthentication: {
    type: 'BasicAuthentication',
    name: 'Basic Authentication',
    credentials: {
      host: HOST,
      username: { schema: string('User name.'), required: true, identifies: true },
      password: { schema: secret('Password.'), required: true, identifies: true },
    },
  },
  KeyBased: {
    type: 'KeyBased',
    name: 'API Key Authentication',
    credentials: {
      host: HOST,
      authKey1: {
        schema: secret('API key.', { title: 'API key', restAttributes: { headerParamName: 'X-API-Key' } }),
        required: true, identifies: true,
      },
    },
  },
};

/** The table row of an entry's `type` (the legacy OAuth spelling reads as `OAuth2RefreshCode`), if documented. */
export function authType(type: string | undefined): AuthType | undefined {
  if (type === LEGACY_OAUTH_TYPE) return AUTH_TYPES.OAuth2RefreshCode;
  return type !== undefined && Object.hasOwn(AUTH_TYPES, type) ? AUTH_TYPES[type as AuthTypeName] : undefined;
}

/** The next further API key a KeyBased entry may declare (`authKey2`, `authKey3`, …) given the keys it has. */
export function nextAuthKey(present: ReadonlySet<string>): string {
  let n = 2;
  while (present.has(`authKey${n}`)) n++;
  return `authKey${n}`;
}

/** The schema of a further API key (`authKey2` …): optional, otherwise like `authKey1`. */
export function furtherKeySchema(property: string): CredentialSchema {
  return secret(`Further API key (${property}).`, { title: property });
}

/** The auth type that credential names like `username` or `refreshToken` give away, per name. */
export const AUTH_TYPE_OF_CREDENTIAL: Readonly<Record<string, AuthTypeName>> = Object.fromEntries(
  Object.values(AUTH_TYPES).flatMap((t) => Object.entries(t.credentials).filter(([, c]) => c.identifies).map(([key]) => [key, t.type])),
);

/** Each documented type's usual `name`. */
export const AUTH_TYPE_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(AUTH_TYPES).map((t) => [t.type, t.name]),
);
