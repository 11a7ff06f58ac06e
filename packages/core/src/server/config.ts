import { type ApiCaller, createApiCaller } from '../api/call';
import { ConfigProblems, OAUTH_CLIENT_OPTION_NAMES, type OAuthClient, resolveOAuthClient } from '../config';
import { checkEndpointUrl } from '../endpoints';
import { LivepushAuthError } from '../errors';
import { type LivepushScope, missingScopes, parseScopes } from '../scopes';
import { basePathProblem, resolveBasePath } from '../sign-in-url';
import { createRefresher, type Refresher } from '../tokens/refresher';
import { type OptionNames, unknownOptionProblems } from '../unknown-options';
import type {
  LivepushAuthOptions,
  LivepushCookieSettings,
  LivepushLogger,
  LivepushSessionOptions,
  SessionEvent,
} from './options';
import { safeReturnTo } from './return-to';
import { createSealer, type Sealer, sealerSecretProblem } from './seal';
import { createSessionManager, type SessionManager } from './sessions';
import type { SessionStore } from './store';

/** Everything the routes share, resolved once from the options. @internal */
export interface ServerCore {
  client: OAuthClient;
  basePath: string;
  secure: boolean;
  sealer: Sealer;
  sessions: SessionManager;
  refresher: Refresher;
  /** The API layer: one per handler, bound to each request's session. */
  api: ApiCaller;
  /** Every scope a sign-in may ask for (`allowedScopes`, default `scopes`). */
  allowedScopes: ReadonlySet<LivepushScope>;
  /** Base name of pending sign-ins' cookies (`<name>_tx`), and the path they are set at. */
  transactionCookie: string;
  transactionPath: string;
  afterLogoutPath: string;
  fetchUser: NonNullable<LivepushAuthOptions['fetchUser']>;
  onSignIn: LivepushAuthOptions['onSignIn'];
  /** The session store, if any (else cookie mode). */
  store: SessionStore | undefined;
  leewaySeconds: number;
  trustedOrigins: ReadonlySet<string>;
  log: LivepushLogger;
  emit(event: SessionEvent): Promise<void>;
  report(error: LivepushAuthError, route: string): void;
}

const COOKIE_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** Flat options of earlier versions and where they live now, so an upgrade fails with directions. */
const MOVED = [
  ['cookieName', 'cookies.name'],
  ['sessionMaxAgeSeconds', 'session.maxAgeSeconds'],
] as const;

/** Every option of {@link LivepushAuthOptions}, for the unknown-key check. */
const OPTION_NAMES = {
  ...OAUTH_CLIENT_OPTION_NAMES,
  secret: true,
  basePath: true,
  allowedScopes: true,
  session: true,
  cookies: true,
  store: true,
  afterLogoutPath: true,
  fetchUser: true,
  onSignIn: true,
  leewaySeconds: true,
  trustedOrigins: true,
  onSession: true,
  onError: true,
  logger: true,
  debug: true,
} as const satisfies { [K in keyof Required<LivepushAuthOptions>]: true } & OptionNames;

/** The keys of each option group. */
const GROUP_NAMES = {
  session: { maxAgeSeconds: true, idleTimeoutSeconds: true } satisfies {
    [K in keyof Required<LivepushSessionOptions>]: true;
  },
  cookies: { name: true } satisfies { [K in keyof Required<LivepushCookieSettings>]: true },
} as const;

/** An option group (`session`, `cookies`): an object when given, else empty; unknown keys are problems. */
function group<K extends 'session' | 'cookies'>(
  options: LivepushAuthOptions,
  key: K,
  problems: ConfigProblems,
): NonNullable<LivepushAuthOptions[K]> {
  const value = options[key];
  if (value === undefined) return {};
  if (typeof value === 'object' && value !== null) {
    for (const problem of unknownOptionProblems(value, GROUP_NAMES[key], { group: `${key}.` }))
      problems.add(problem);
    return value as NonNullable<LivepushAuthOptions[K]>;
  }
  problems.add(`${key} must be an object.`);
  return {};
}

/**
 * Why `redirectUri` cannot finish a sign-in under `basePath`, or `null`. The route table has one
 * callback route, `{basePath}/callback`: Livepush sends the user back to `redirectUri`, so any other
 * path would answer 404 (or reach a page of the app) with the code in its query.
 */
function redirectPathProblem(redirectUri: string, basePath: string): string | null {
  const { origin, pathname } = new URL(redirectUri);
  const expected = `${basePath}/callback`;
  if (pathname === expected) return null;
  const base = pathname.endsWith('/callback') ? pathname.slice(0, -'/callback'.length) : '';
  const fix = base ? `set basePath: '${base}' (the routes then live there), or register ` : 'register ';
  return (
    `redirectUri must be ${origin}${expected}, the route that finishes sign-in (got the path ${JSON.stringify(pathname.slice(0, 100))}, ` +
    `where the callback would answer 404): ${fix}${origin}${expected} with Livepush and use it here.`
  );
}

function defaultLogger(debug: boolean): LivepushLogger {
  const line = (message: string, data?: Record<string, unknown>) =>
    data === undefined ? `[livepush-auth] ${message}` : `[livepush-auth] ${message} ${JSON.stringify(data)}`;
  return {
    debug: (message, data) => {
      if (debug) console.debug(line(message, data));
    },
    warn: (message, data) => console.warn(line(message, data)),
    error: (message, data) => console.error(line(message, data)),
  };
}

/** Validates the options (every problem in one `invalid_config` error) and builds the shared pieces. */
export function resolveServerCore(options: LivepushAuthOptions): ServerCore {
  if (typeof options !== 'object' || options === null) {
    throw new LivepushAuthError(
      'invalid_config',
      'createLivepushAuth() needs an options object; see the README.',
    );
  }
  const problems = new ConfigProblems();
  const client = resolveOAuthClient(options, problems);
  problems.add(sealerSecretProblem(options.secret));
  const basePath = resolveBasePath(options.basePath);
  problems.add(basePathProblem(basePath));
  for (const [moved, to] of MOVED) {
    if (moved in options) problems.add(`${moved} is now ${to}.`);
  }
  const ignore = MOVED.map(([moved]) => moved);
  for (const problem of unknownOptionProblems(options, OPTION_NAMES, { ignore })) problems.add(problem);
  if (checkEndpointUrl('redirectUri', options.redirectUri) === null && !basePathProblem(basePath))
    problems.add(redirectPathProblem(options.redirectUri, basePath));
  const session = group(options, 'session', problems);
  const cookies = group(options, 'cookies', problems);
  const cookieName = cookies.name ?? 'livepush_session';
  if (typeof cookieName !== 'string' || !COOKIE_NAME.test(cookieName))
    problems.add('cookies.name may use only letters, digits, "_" and "-" (at most 64).');
  const maxAge = session.maxAgeSeconds ?? 30 * 24 * 3600;
  if (typeof maxAge !== 'number' || !Number.isFinite(maxAge) || maxAge <= 0)
    problems.add('session.maxAgeSeconds must be a positive number of seconds.');
  const idle = session.idleTimeoutSeconds;
  if (idle !== undefined && (typeof idle !== 'number' || !Number.isInteger(idle) || idle <= 0))
    problems.add(
      `session.idleTimeoutSeconds must be a positive whole number of seconds (got ${JSON.stringify(idle)}).`,
    );
  else if (idle !== undefined && typeof maxAge === 'number' && idle > maxAge)
    problems.add(
      `session.idleTimeoutSeconds (${idle}) must be at most session.maxAgeSeconds (${maxAge}): a session never outlives its absolute lifetime.`,
    );
  const leeway = options.leewaySeconds ?? 60;
  if (!Number.isFinite(leeway) || leeway < 0) problems.add('leewaySeconds must be a number ≥ 0.');
  const store = options.store;
  if (
    store !== undefined &&
    !['get', 'set', 'delete', 'update'].every(
      (m) => typeof (store as unknown as Record<string, unknown>)[m] === 'function',
    )
  ) {
    problems.add('store must implement get, set, delete and update (see SessionStore).');
  }
  let allowed: readonly LivepushScope[] = client.scopes;
  if (options.allowedScopes !== undefined) {
    try {
      allowed = parseScopes(options.allowedScopes);
      const outside = missingScopes(allowed, client.scopes);
      if (outside.length > 0)
        problems.add(`allowedScopes must include every scope of scopes (missing ${outside.join(', ')}).`);
    } catch (error) {
      problems.add(`allowedScopes: ${(error as Error).message}`);
    }
  }
  const trusted = new Set<string>();
  for (const origin of options.trustedOrigins ?? []) {
    try {
      trusted.add(new URL(origin).origin);
    } catch {
      problems.add(`trustedOrigins: ${JSON.stringify(String(origin).slice(0, 100))} is not a URL.`);
    }
  }
  if (
    options.fetchUser !== undefined &&
    typeof options.fetchUser !== 'boolean' &&
    typeof options.fetchUser !== 'function'
  )
    problems.add('fetchUser must be true, false or a function ({ api, scopes, request }) => user.');
  for (const hook of ['onSession', 'onError', 'onSignIn'] as const) {
    if (options[hook] !== undefined && typeof options[hook] !== 'function')
      problems.add(`${hook} must be a function.`);
  }
  problems.throwIfAny('createLivepushAuth');

  const redirect = new URL(client.redirectUri);
  trusted.add(redirect.origin);
  const secure = redirect.protocol === 'https:';
  // `__Host-` binds the cookie to this exact host, https and Path=/ (no subdomain can overwrite it).
  const prefix = secure ? '__Host-' : '';
  // Pending sign-ins: on http (no prefix to keep) scoped to the callback's directory, which holds
  // login too, so the app's pages never carry them. On https they keep `__Host-` and so Path=/:
  // `__Secure-` would allow a narrower path, but also a cookie planted by a sibling subdomain — a
  // login CSRF. The count and size caps bound them instead.
  const transactionPath = secure
    ? '/'
    : redirect.pathname.slice(0, redirect.pathname.lastIndexOf('/')) || '/';
  const log = options.logger ?? defaultLogger(options.debug ?? false);
  const sealer = createSealer(options.secret, { now: client.now });
  const onSession = options.onSession;
  const onError = options.onError;
  return {
    client,
    basePath,
    secure,
    sealer,
    sessions: createSessionManager({
      sealer,
      store,
      cookieName: `${prefix}${cookieName}`,
      secure,
      maxAgeSeconds: maxAge,
      idleTimeoutSeconds: idle,
      now: client.now,
      // A refresh is at most two attempts of `timeoutMs` each (see createRefresher) plus slack.
      lockTtlMs: Math.max(15_000, 2 * client.timeoutMs + 1_000),
    }),
    refresher: createRefresher(client, { leewaySeconds: leeway }),
    api: createApiCaller({
      endpoints: client.endpoints,
      fetch: client.fetch,
      timeoutMs: client.timeoutMs,
      now: client.now,
    }),
    allowedScopes: new Set(allowed),
    transactionCookie: `${prefix}${cookieName}_tx`,
    transactionPath,
    afterLogoutPath: safeReturnTo(options.afterLogoutPath, 'http://x.invalid', '/'),
    fetchUser: options.fetchUser ?? true,
    onSignIn: options.onSignIn,
    store,
    leewaySeconds: leeway,
    trustedOrigins: trusted,
    log,
    async emit(event) {
      if (!onSession) return;
      try {
        await onSession(event);
      } catch (error) {
        log.error('onSession threw; ignoring', {
          type: event.type,
          error: error instanceof Error ? error.name : 'unknown',
        });
      }
    },
    report(error, route) {
      log.debug('request failed', { route, code: error.code, status: error.status });
      try {
        onError?.(error, { route });
      } catch {
        log.error('onError threw; ignoring', { route });
      }
    },
  };
}
