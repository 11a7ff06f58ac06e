import {
  isLivepushAuthError,
  LIVEPUSH_ENDPOINTS,
  LivepushAuthError,
  type LivepushScope,
  parseScopes,
} from '@livepush/auth-core';
import { createLivepushAuth, type LivepushAuth, type LivepushAuthOptions } from '@livepush/auth-core/server';

/** Option keys whose values are functions: they cannot travel through Nuxt's (JSON) runtime config. */
export type FunctionKeys<T> = {
  [K in keyof T]-?: NonNullable<T[K]> extends (...args: never[]) => unknown ? K : never;
}[keyof T];

/**
 * The `livepush` key of `nuxt.config`: every JSON option of `createLivepushAuth` except the secrets.
 * `clientSecret` and `secret` come only from the environment (`NUXT_LIVEPUSH_CLIENT_SECRET`,
 * `NUXT_LIVEPUSH_SECRET`) through the private runtime config, so they are never built into the app.
 * `basePath` and `scopes` are fixed at build time (the routes are registered then) and also reach the
 * browser, through the public runtime config.
 */
export type LivepushModuleOptions = Partial<
  Omit<
    LivepushAuthOptions,
    'clientSecret' | 'secret' | 'store' | 'logger' | FunctionKeys<LivepushAuthOptions>
  >
>;

/** `runtimeConfig.livepush` (server only): the module options plus what the environment supplies at runtime. */
export interface LivepushPrivateConfig extends Omit<LivepushModuleOptions, 'basePath' | 'scopes'> {
  clientId: string;
  clientSecret: string;
  /** One secret, or several (`NUXT_LIVEPUSH_SECRET='["new…","old…"]'`) to rotate: the first seals. */
  secret: string | string[];
  redirectUri: string;
  /** Every endpoint has a value, so each can be overridden by `NUXT_LIVEPUSH_ENDPOINTS_*` (an empty `issuer`: none). */
  endpoints: Required<LivepushAuthOptions>['endpoints'] & { issuer: string };
}

/** `runtimeConfig.public.livepush` (the browser sees it): where the routes are and what sign-in asks for. */
export interface LivepushPublicConfig {
  basePath: string;
  scopes: LivepushScope[];
}

/** The variables that set the runtime-only options, as Nuxt maps them onto `runtimeConfig.livepush`. */
export const LIVEPUSH_ENV = {
  clientId: 'NUXT_LIVEPUSH_CLIENT_ID',
  clientSecret: 'NUXT_LIVEPUSH_CLIENT_SECRET',
  secret: 'NUXT_LIVEPUSH_SECRET',
  redirectUri: 'NUXT_LIVEPUSH_REDIRECT_URI',
} as const;

type RuntimeOnly = keyof typeof LIVEPUSH_ENV;

/** Default scopes when `nuxt.config` names none (the core's default). */
const DEFAULT_SCOPES: LivepushScope[] = ['profile.read'];

/** The scopes as a list; unknown ones are kept as given, for the core to report with the other problems. */
function scopeList(scopes: NonNullable<LivepushModuleOptions['scopes']>): LivepushScope[] {
  try {
    return parseScopes(scopes);
  } catch {
    return (typeof scopes === 'string' ? scopes.split(/[\s,]+/) : [...scopes]) as LivepushScope[];
  }
}

/**
 * The private and public runtime config the module writes for `options`. Empty strings stand for what
 * the environment must supply at runtime (Nuxt overrides only keys that exist).
 * @internal
 */
export function runtimeConfigFor(options: LivepushModuleOptions): {
  private: LivepushPrivateConfig;
  public: LivepushPublicConfig;
} {
  const { basePath = '/auth', scopes, endpoints, ...rest } = options;
  // An endpoint given as `undefined` keeps its default (every key must have a value for NUXT_LIVEPUSH_*).
  const given = Object.entries(endpoints ?? {}).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return {
    private: {
      ...rest,
      clientId: options.clientId ?? '',
      clientSecret: '',
      secret: '',
      redirectUri: options.redirectUri ?? '',
      endpoints: { ...LIVEPUSH_ENDPOINTS, issuer: '', ...Object.fromEntries(given) },
    },
    public: { basePath, scopes: scopes === undefined ? DEFAULT_SCOPES : scopeList(scopes) },
  };
}

/** Values that look like secrets anywhere in `nuxt.config`'s `livepush` (they would be built into the app). */
export function secretsInModuleOptions(options: Record<string, unknown>): string[] {
  return (['clientSecret', 'secret'] as const)
    .filter((key) => options[key] !== undefined)
    .map(
      (key) =>
        `${key} must not be in nuxt.config (it would be built into the app): set ${LIVEPUSH_ENV[key]} in the server's environment.`,
    );
}

/** The options of `createLivepushAuth` the runtime config describes. */
function coreOptions(config: LivepushPrivateConfig, publicConfig: LivepushPublicConfig): LivepushAuthOptions {
  const { endpoints, ...rest } = config;
  const { issuer, ...urls } = endpoints;
  return {
    ...rest,
    basePath: publicConfig.basePath,
    scopes: publicConfig.scopes,
    endpoints: issuer ? { ...urls, issuer } : urls,
  };
}

/**
 * The options of `createLivepushAuth` that cannot travel through Nuxt's runtime config (objects and
 * functions: `store`, `logger`, `onSignIn`, `onSession`, `onError`, `fetchUser`, `fetch`, …): give them
 * to `configureLivepushServer` in a Nitro plugin.
 */
export type LivepushServerOptions = Partial<
  Pick<LivepushAuthOptions, 'store' | 'logger' | FunctionKeys<LivepushAuthOptions>>
>;

/**
 * `createLivepushAuth` over the module's runtime config (and the `server` options given to
 * `configureLivepushServer`). Every problem is reported at once, in the
 * core's own `invalid_config` list, followed by where a Nuxt app sets each value.
 *
 * @param stage `build`: what only the environment supplies at runtime may still be missing (it is
 *   checked when the server starts); `start`: everything must be there.
 * @throws {LivepushAuthError} `invalid_config`.
 * @internal
 */
export function createNuxtLivepushAuth(
  config: LivepushPrivateConfig,
  publicConfig: LivepushPublicConfig,
  stage: 'build' | 'start',
  server: LivepushServerOptions = {},
): LivepushAuth {
  const options = { ...coreOptions(config, publicConfig), ...server };
  if (stage === 'build') {
    // Stand-ins for values the environment supplies at runtime; never stored anywhere.
    const later: Record<RuntimeOnly, string> = {
      clientId: 'set-at-runtime',
      clientSecret: 'set-at-runtime',
      secret: 'a-secret-that-is-only-set-at-runtime-0000',
      // Under the configured basePath, as the core requires of the real one.
      redirectUri: `http://127.0.0.1${publicConfig.basePath.startsWith('/') ? publicConfig.basePath : '/auth'}/callback`,
    };
    for (const key of Object.keys(later) as RuntimeOnly[]) {
      const value = options[key];
      if (value === '' || value === undefined) Object.assign(options, { [key]: later[key] });
    }
  }
  try {
    return createLivepushAuth(options);
  } catch (error) {
    if (!isLivepushAuthError(error) || error.code !== 'invalid_config') throw error;
    throw new LivepushAuthError(
      'invalid_config',
      `${error.message}\n@livepush/auth-nuxt: set clientId and redirectUri in nuxt.config \`livepush\` or through ` +
        `${LIVEPUSH_ENV.clientId} and ${LIVEPUSH_ENV.redirectUri}; the secrets only through ` +
        `${LIVEPUSH_ENV.clientSecret} and ${LIVEPUSH_ENV.secret}.`,
      { cause: error },
    );
  }
}
