/**
 * The engine's side of "a source's credentials are its origin's": which secrets a run holds (the values of its
 * secret parameters and of the credential headers), and what a page on another origin may carry. A next page on
 * another origin goes without every header and query parameter that carries a secret (warning
 * `credentials-withheld` naming each and the parameter it carried), or is not requested at all when its path or body
 * carries one (the same warning says so, and the run stops with the records so far). Redirects get the same rule
 * inside the transport (core/transport/send.ts); their hops are turned into warnings here.
 */
import { describeWithheld, withholdSecrets, type Credentials } from '../transport/crossOrigin';
import type { CrossOriginHop } from '../transport/send';
import { SecretValues } from '../transport/secretValues';
import type { Redactor } from '../transport/redact';
import { passwordProperties } from './auth';
import { PAGINATION } from './pagination';
import type { BaseRequest } from './request';
import type { SpecModel } from './specModel';
import { ATTRIBUTES } from './specModel';
import { valueText } from './template';
import type { RunRequest, RunWarning } from './types';

/** The secret values of a run's parameters, each under its parameter's name (known before any request is built). */
export function parameterSecrets(model: SpecModel, request: Pick<RunRequest, 'authValues' | 'sourceValues'>): SecretValues {
  const secrets = new SecretValues();
  for (const name of passwordProperties(model.auth.properties)) secrets.add(name, valueText(request.authValues[name]));
  for (const name of passwordProperties(model.sourceProperties)) secrets.add(name, valueText(request.sourceValues[name]));
  return secrets;
}

/** Where the run's credentials belong, once the base request is built (its credential headers' values added). */
export function runCredentials(base: BaseRequest, secrets: SecretValues): Credentials {
  for (const [name, value] of base.credentialSecrets) secrets.add(name, value);
  return { origin: base.url.origin, headers: base.credentialHeaders, secrets };
}

/** What happens to a page request: sent (maybe with things withheld, then a warning), or not requested (a warning). */
export type PageDecision =
  | { send: true; request: BaseRequest; warning?: RunWarning }
  | { send: false; warning: RunWarning };

const stayHome = (credentials: Credentials, redactor: Redactor) =>
  `a source's credentials stay with its own origin (${redactor.text(credentials.origin)})`;

/** The page request as it may go to its origin (unchanged on the credentials' own origin). */
export function pageForOrigin(page: BaseRequest, credentials: Credentials, redactor: Redactor): PageDecision {
  if (page.url.origin === credentials.origin) return { send: true, request: page };
  const other = redactor.text(page.url.origin);
  const cut = withholdSecrets(page, credentials);
  if (cut.refused) {
    return {
      send: false,
      warning: {
        code: 'credentials-withheld', specPath: `${PAGINATION}.pointerPath`,
        message: `The next page is on another origin (${other}), and ${cut.reason}: it was not requested; ${stayHome(credentials, redactor)}. The records read so far are kept.`,
      },
    };
  }
  const request = { ...page, url: cut.url, headers: cut.headers };
  if (cut.withheld.length === 0) return { send: true, request };
  return {
    send: true, request,
    warning: {
      code: 'credentials-withheld', specPath: `${PAGINATION}.pointerPath`,
      message: `The next page is on another origin (${other}); it was requested without ${describeWithheld(cut.withheld)}: ${stayHome(credentials, redactor)}`,
    },
  };
}

/** One warning per redirect that left the credentials' origin with something withheld. */
export function hopWarnings(hops: CrossOriginHop[], credentials: Credentials, redactor: Redactor): RunWarning[] {
  return hops.filter((hop) => hop.withheld.length > 0).map((hop) => ({
    code: 'credentials-withheld', specPath: `${ATTRIBUTES}.urlParams.host`,
    message: `The source redirected to another origin (${redactor.text(hop.to.origin)}); the redirect was followed without ${describeWithheld(hop.withheld)}: ${stayHome(credentials, redactor)}`,
  }));
}
