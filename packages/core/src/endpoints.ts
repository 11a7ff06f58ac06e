/** The absolute URLs Livepush Auth talks to. Override any of them (e.g. with the mock server's). */
export interface LivepushEndpoints {
  /** Where users are sent to sign in and consent. */
  authorize: string;
  /** The token endpoint (code and refresh grants). */
  token: string;
  /** Base URL of the Accounts & Billing API (`/account/...`). */
  accountsApi: string;
  /** Base URL of the Core Streams & Media API (`/streams/...`). */
  streamsApi: string;
  /** Base URL of the VOD import API (`/inspector/get_metadata`). */
  vodImportApi: string;
  /**
   * The authorization server's issuer identifier (RFC 9207). Livepush documents none, so there is no
   * default. When set, a callback that carries an `iss` parameter must carry exactly this value
   * (a mix-up defence for apps that sign in with more than one server); a callback without `iss` is
   * accepted, as servers that do not implement RFC 9207 send none.
   */
  issuer?: string | undefined;
}

/**
 * The `endpoints` option: any of {@link LivepushEndpoints}; the ones left out (or `undefined`) stay
 * Livepush's. `mockEndpoints(url)` from `@livepush/mock-server` gives all of them for a mock.
 */
export type LivepushEndpointOverrides = {
  [K in keyof LivepushEndpoints]?: LivepushEndpoints[K] | undefined;
};

/** Livepush's documented production endpoints, the default. */
export const LIVEPUSH_ENDPOINTS: Readonly<LivepushEndpoints> = Object.freeze({
  authorize: 'https://id.livepush.io/oauth2/authorize',
  token: 'https://tokens.livepush.io/oauth2/access_token',
  accountsApi: 'https://squid.livepush.io',
  streamsApi: 'https://octopus.livepush.io',
  vodImportApi: 'https://vod-web-import-api.livepush.io',
});

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** True for `localhost`, `127.x.x.x` and `[::1]`, where plain http is acceptable. @internal */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.test(hostname);
}

/** What the value looks like it was built from: an unset variable (`${env.ORIGIN}/auth/callback`). */
function unsetVariableHint(value: string): string {
  return /^(undefined|null)\b/.test(value)
    ? ' It starts with "undefined"/"null": the variable it was built from (e.g. ORIGIN) is not set.'
    : '';
}

/**
 * Checks that `value` is an absolute https URL (http only on loopback) without credentials or a
 * fragment; returns a problem description that says what to write, or `null` when it is fine.
 * @internal
 */
export function checkEndpointUrl(name: string, value: unknown): string | null {
  const example = name === 'redirectUri' ? ', e.g. "https://app.example.com/auth/callback"' : '';
  if (typeof value !== 'string' || value === '')
    return `${name} must be an absolute URL string${example}; got ${value === '' ? 'an empty string' : typeof value}.`;
  const shown = JSON.stringify(value.slice(0, 100));
  // `localhost:3000/x` parses as the scheme `localhost:`, `/auth/callback` not at all: both lack `http(s)://`.
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    const hostLike =
      /^[^/:?#\s]+:\d+(?:[/?#]|$)/.test(value) || /^[\w.-]+\.[a-z]{2,}(?:[/:?#]|$)/i.test(value);
    const fix = hostLike
      ? ` Write "${isLoopbackHost(value.split(/[:/?#]/)[0] ?? '') ? 'http' : 'https'}://${value.slice(0, 100)}".`
      : '';
    return scheme === undefined || hostLike
      ? `${name} must be an absolute URL starting with https:// (http:// on localhost)${example}; got ${shown}, which has no scheme.${fix}${unsetVariableHint(value)}`
      : `${name} must use https (plain http is allowed only on localhost/127.0.0.1/[::1]); got the scheme "${scheme}:".`;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${name} must be an absolute URL${example}; got ${shown}.`;
  }
  if (url.protocol !== 'https:' && !isLoopbackHost(url.hostname)) {
    return `${name} must use https (plain http is allowed only on localhost/127.0.0.1/[::1]); got ${url.origin}.`;
  }
  if (url.username || url.password) return `${name} must not contain credentials.`;
  if (url.hash) return `${name} must not contain a #fragment.`;
  return null;
}

/** Joins an API base URL (which may carry a path) and an endpoint path. @internal */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}
