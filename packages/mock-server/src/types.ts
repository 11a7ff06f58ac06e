/** How the mock answers an authorization request: show the consent page, or decide at once. */
export type MockConsentMode = 'prompt' | 'approve' | 'deny';

/**
 * What the token endpoint does when a refresh token that was rotated out is presented again (a
 * replay): `'reject'` answers `invalid_grant` and nothing else changes; `'revoke-grant'` also revokes
 * every access and refresh token of that grant, as RFC 9700 §4.14.2 recommends and certified servers
 * (e.g. panva's oidc-provider) do, so the user is signed out everywhere.
 */
export type MockRefreshTokenReuse = 'reject' | 'revoke-grant';

/** An OAuth client registered with the mock, as a developer would in the Livepush Developer Console. */
export interface MockClient {
  /** The Client ID. */
  clientId: string;
  /** The Client Secret. */
  clientSecret: string;
  /**
   * The exact redirect URIs this client may use. Loopback `http` URIs (127.0.0.1, localhost, [::1])
   * match on any port, as RFC 8252 §7.3 requires.
   */
  redirectUris: string[];
  /** The application name the consent page shows; defaults to the Client ID. */
  name?: string;
}

/** The fake signed-in Livepush user, exactly the body of `GET /account/this`. */
export interface MockUser {
  /** Stable user id; also the `sub` claim of every token. */
  id: string;
  /** Login name. */
  username: string;
  /** Display name. */
  name: string;
  /** E-mail address. */
  email: string;
  /** Absolute URL of the avatar image (served by the mock itself by default). */
  avatar: string;
  /** The user's namespace. */
  ns: string;
  /** Whether the account is disabled. */
  isDisabled: boolean;
  /** ISO 8601 creation time. */
  createdAt: string;
  /** Free-form user preferences. */
  preferences: Record<string, string | number | boolean>;
  /** Billing contact. */
  billingInfo: { email: string; name: string };
}

/** Options of {@link startMockLivepush}. Every field is optional. */
export interface MockLivepushOptions {
  /** TCP port; `0` (the default) picks any free port. The bin defaults to 4010. */
  port?: number;
  /**
   * Interface to listen on; default `127.0.0.1`. The `/__mock/*` control routes answer only requests
   * whose `Host` is a loopback name (`localhost`, `127.x.x.x`, `[::1]`) or this host (when it names one
   * interface), so a web page cannot reach them by DNS rebinding.
   */
  host?: string;
  /**
   * Registered clients. With none given, one client, {@link DEFAULT_CLIENT}, which accepts any
   * loopback redirect URI on any port (RFC 8252 §7.3).
   */
  clients?: MockClient[];
  /** `'prompt'` (default) shows the consent page; `'approve'` and `'deny'` answer at once, for tests. */
  consent?: MockConsentMode;
  /** Lifetime of access tokens in seconds; default 3600, as in Livepush's documented example. */
  accessTokenTtlSeconds?: number;
  /** Whether a refresh grant replaces the refresh token (the old one then fails); default `true`. */
  rotateRefreshTokens?: boolean;
  /**
   * What presenting a rotated-out refresh token again does (see {@link MockRefreshTokenReuse});
   * default `'reject'`. Either way it counts in `stats().refreshTokenReplays`.
   */
  refreshTokenReuse?: MockRefreshTokenReuse;
  /**
   * How access tokens look. `'opaque'` (default): random strings, like Livepush's documented example
   * (`uatin87h3m1opd908pa9sd…`). `'jwt'`: HS256 JWTs with `sub`, `scope`, `client_id`, `exp`… claims
   * (the API declares `bearerFormat: JWT`). Clients must not rely on either: a token is opaque to them.
   */
  tokenFormat?: 'opaque' | 'jwt';
  /**
   * Add `iss` (the mock's URL, also `endpoints.issuer`) to every authorization response, as RFC 9207
   * servers do. Default `false`: Livepush documents no `iss`.
   */
  sendIssuer?: boolean;
  /** Lifetime of authorization codes in seconds; default 60. */
  codeTtlSeconds?: number;
  /** The clock, in epoch milliseconds; default `Date.now`. Inject one to test expiry without sleeping. */
  now?: () => number;
  /** Fields that override the fake signed-in user. */
  user?: Partial<MockUser>;
  /** Receives one line per request (method, path without query, status, duration); default silent. */
  logger?: (line: string) => void;
}

/** Counters a test can read through {@link MockLivepush.stats}. */
export interface MockStats {
  /** `GET /oauth2/authorize` requests, faulted ones included. */
  authorizeRequests: number;
  /** Approve or Deny decisions posted from the consent page and accepted. */
  consentDecisions: number;
  /** Every request to the token endpoint, any method, faulted ones included. */
  tokenRequests: number;
  /** Successful `authorization_code` grants. */
  codeGrants: number;
  /** Successful `refresh_token` grants. */
  refreshGrants: number;
  /** Error answers produced by the token endpoint itself (injected faults are not counted here). */
  tokenErrors: number;
  /**
   * Refresh grants that presented a refresh token already rotated out (replays), whatever
   * `refreshTokenReuse` then did. A client that never replays keeps this at 0.
   */
  refreshTokenReplays: number;
  /** Every request under `/squid`, `/octopus` or `/vod`, faulted ones included. */
  apiRequests: number;
  /** Requests answered (or delayed) by an injected fault. */
  faultsInjected: number;
}

/**
 * A failure to inject. `on` picks the requests it applies to: `token` (the token endpoint), `api`
 * (everything under `/squid`, `/octopus` and `/vod`) or `authorize` (`/oauth2/authorize` and its consent
 * decision). It applies to the next `times` (default 1) matching requests.
 */
export type MockFault = { on: 'token' | 'api' | 'authorize'; times?: number } & (
  | {
      kind: 'status';
      /** 200–599. A status that has no body (204, 205, 304) is sent without one. */
      status: number;
      retryAfterSeconds?: number;
      /** Default: the status text. */
      body?: string;
      /** Default: `application/json` for a body that opens like JSON, else `text/plain; charset=utf-8`. */
      contentType?: string;
      /** Extra response headers, e.g. a `WWW-Authenticate` challenge on a 401. */
      headers?: Record<string, string>;
    }
  | { kind: 'delay'; ms: number }
  | { kind: 'malformed_json' }
  | { kind: 'html' }
  | { kind: 'empty' }
  | { kind: 'drop' }
  | { kind: 'oauth_error'; error: string; status?: number; description?: string }
  | ({ kind: 'echo' } & MockEchoFault)
);

/**
 * How an `echo` fault answers: like a provider or gateway that copies the request into its error, the
 * way real ones do (`"client_secret=… is invalid"`). What it copies (`echo`), in which encoding, cut
 * to `truncate` characters per value, and where it puts it (`into`).
 */
export interface MockEchoFault {
  /** HTTP status; default 400. */
  status?: number;
  /**
   * `'request'` (default): the parameters — the query string of a GET, the form body of a POST.
   * `'headers'`: every request header as `name: value` lines (`Authorization` included).
   */
  echo?: 'request' | 'headers';
  /**
   * How parameter values are written: `'as-sent'` (default, the bytes on the wire), `'decoded'`,
   * `'percent'` (`encodeURIComponent`), `'form'` (`application/x-www-form-urlencoded`, spaces as `+`).
   * Header values are always as sent.
   */
  encoding?: 'as-sent' | 'decoded' | 'percent' | 'form';
  /** Cut every echoed value to this many characters (a gateway's "client_secret=abcd…"). */
  truncate?: number;
  /**
   * Where the echo goes: `'error_description'` (default on the token endpoint) or `'error'` of an
   * RFC 6749 §5.2 JSON body, `'message'` of a Livepush API JSON body (default on the API and
   * authorize), or `'text'`: a plain-text body.
   */
  into?: 'error' | 'error_description' | 'message' | 'text';
}

/** A token response exactly as Livepush documents it. */
export interface MockTokenResponse {
  /** Opaque (or a JWT with `tokenFormat: 'jwt'`), valid `expires_in` seconds. */
  access_token: string;
  /** An opaque, long-lived refresh token. */
  refresh_token: string;
  /** Always the literal `access_token` (Livepush's value, not `Bearer`). */
  token_type: 'access_token';
  /** Access token lifetime in seconds. */
  expires_in: number;
}

/** What {@link MockLivepush.issuedTokens} returns. */
export interface MockIssuedTokens {
  accessTokens: string[];
  refreshTokens: string[];
}

/** The URLs of a running mock, in the shape of the SDK's `endpoints` option. */
export interface MockEndpoints {
  authorize: string;
  token: string;
  accountsApi: string;
  streamsApi: string;
  vodImportApi: string;
  issuer: string;
}

/** A running mock Livepush. */
export interface MockLivepush {
  /** Base URL, e.g. `http://127.0.0.1:43121`. */
  url: string;
  /**
   * The same shape as the SDK's `endpoints` option: the authorize and token URLs, the bases of the
   * accounts (`/squid`), streams (`/octopus`) and VOD import (`/vod`) APIs, and the issuer
   * identifier (the mock's URL; sent as `iss` with `sendIssuer`).
   */
  endpoints: MockEndpoints;
  /** A snapshot of the counters. */
  stats(): MockStats;
  /** Queues faults; each applies to the next `times` matching requests, in queue order. */
  setFaults(...faults: MockFault[]): void;
  /** Drops every queued fault. */
  clearFaults(): void;
  /** Changes how the next authorization requests are answered. */
  setConsent(mode: MockConsentMode): void;
  /**
   * Issues tokens for the fake user directly, skipping the browser flow. `clientId` defaults to the
   * first registered client. Throws on an unknown scope or client.
   */
  issueTokens(input: {
    scopes: string[];
    clientId?: string;
    accessTokenTtlSeconds?: number;
  }): MockTokenResponse;
  /**
   * Changes fields of the fake user until the next `reset()`, e.g. `setUser({ isDisabled: true })` to
   * test how an app treats a disabled account. Scalar fields other than `id`, with their types; also
   * served at `POST /__mock/user`.
   * @throws {TypeError} for a field that cannot take the value.
   */
  setUser(changes: Partial<MockUser>): void;
  /** Invalidates every access and refresh token issued so far. */
  revokeAllTokens(): void;
  /**
   * Every access and refresh token issued since the start or the last `reset()`: the values a test
   * scans for to prove none reached a browser, a log or a URL (tokens are opaque: no shape to match).
   * Also served at `GET /__mock/tokens`.
   */
  issuedTokens(): MockIssuedTokens;
  /** Clears tokens, codes, pending consents, faults, user changes and counters, restores the consent mode and reseeds the data. */
  reset(): void;
  /** Stops the server, destroys every open socket and pending timer; resolves when done. */
  close(): Promise<void>;
}
