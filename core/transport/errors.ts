/** The transport's own refusals, which each caller turns into its error type (API client, execution engine). */

/**
 * `policy`: a URL the caller's policy refuses (an Adobe host for a source, a non-Adobe host for the API client);
 * `redirect`: a 3xx under a policy that never follows redirects; `cross-origin`: a request to another origin that
 * cannot go without a secret (in its path or body); `too-large`: a response above the byte cap;
 * `header-value`: a header value that cannot be sent (a line break, a character outside Latin-1).
 */
export type TransportErrorKind = 'policy' | 'redirect' | 'cross-origin' | 'too-large' | 'header-value';

export interface TransportErrorDetails {
  status?: number;
  /** A redirect's target as given (callers redact it before showing). */
  location?: string | null;
  /** The header whose value is wrong. */
  header?: string;
  /** The byte cap that was reached. */
  limitBytes?: number;
  /** Parameters a refused cross-origin request carried. */
  parameters?: string[];
}

export class TransportError extends Error {
  constructor(message: string, readonly kind: TransportErrorKind, readonly details: TransportErrorDetails = {}) {
    super(message);
    this.name = 'TransportError';
  }
}
