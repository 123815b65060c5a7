/**
 * A source's credentials are its origin's, whatever carries them. Before a request goes to an origin other than the
 * one the credentials belong to (a next-page link, a redirect), everything that carries a secret is taken out:
 * the credential headers the auth spec builds, every other header whose value holds a secret in any form (a
 * `Cookie: session=${authKey1}`, an `X-Token: ${authKey1}`), and every query parameter whose name or value holds one.
 * A secret in the URL's path or user part, or in the body, cannot be taken out without changing what the request
 * asks for: such a request is refused. The result says exactly what was withheld, with the parameters it carried,
 * so a warning can tell the truth.
 */
import type { SecretValues } from './secretValues';

/** Where a request's credentials belong and what they are. */
export interface Credentials {
  /** The origin the credentials belong to (the spec's own host), e.g. `https://api.example.com`. */
  origin: string;
  /** Lower-case names of the headers the auth spec builds (always withheld elsewhere). */
  headers: string[];
  /** Every secret value, with the parameters it is the value of. */
  secrets: SecretValues;
}

/** One thing left out of a request to another origin. */
export interface Withheld {
  where: 'header' | 'query';
  /** The header or query parameter name. */
  name: string;
  /** The parameters whose values it carried (may be empty for an auth header whose value is not a parameter's). */
  parameters: string[];
}

/** The request as it may go to the other origin, or why it may not go at all. */
export type CrossOriginRequest =
  | { refused: false; url: URL; headers: Record<string, string>; withheld: Withheld[] }
  | { refused: true; reason: string; parameters: string[] };

/** Takes everything carrying a secret out of a request to `url` (another origin than `credentials.origin`). */
export function withholdSecrets(
  request: { url: URL; headers: Record<string, string>; body?: string },
  credentials: Credentials,
): CrossOriginRequest {
  const { secrets } = credentials;
  const inPath = secrets.namesIn(`${request.url.username}:${request.url.password}@${request.url.pathname}${request.url.hash}`);
  if (inPath.length) return { refused: true, reason: `its URL path carries ${secretList(inPath)}`, parameters: inPath };
  if (request.body !== undefined) {
    const inBody = secrets.namesIn(request.body);
    if (inBody.length) return { refused: true, reason: `its request body carries ${secretList(inBody)}`, parameters: inBody };
  }

  const withheld: Withheld[] = [];
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    const parameters = secrets.namesIn(value);
    if (parameters.length || credentials.headers.includes(name.toLowerCase())) withheld.push({ where: 'header', name, parameters });
    else headers[name] = value;
  }
  const url = new URL(request.url);
  const kept = new URLSearchParams();
  for (const [name, value] of request.url.searchParams) {
    const parameters = secrets.namesIn(`${name}=${value}`);
    if (parameters.length) withheld.push({ where: 'query', name, parameters });
    else kept.append(name, value);
  }
  if (withheld.some((w) => w.where === 'query')) url.search = kept.toString();
  return { refused: false, url, headers, withheld };
}

/** "the secret authKey1" / "the secrets a and b". */
export function secretList(names: string[]): string {
  return names.length === 1 ? `the secret ${names[0]}` : `the secrets ${joinWords(names)}`;
}

function joinWords(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** "the header X-Token (authKey1), the header Cookie (authKey1) and the query parameter api_key (authKey1)". */
export function describeWithheld(withheld: Withheld[]): string {
  return joinWords(withheld.map((w) => {
    const what = w.where === 'header' ? `the header ${w.name}` : `the query parameter ${w.name}`;
    return w.parameters.length ? `${what} (${w.parameters.join(', ')})` : `${what} (the auth spec's credentials)`;
  }));
}
