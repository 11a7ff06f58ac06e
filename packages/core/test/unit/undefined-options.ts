import type { LivepushAuthOptions } from '../../src/server/index';

type Required_ = 'clientId' | 'clientSecret' | 'redirectUri' | 'secret';

/**
 * Every optional option of `createLivepushAuth`, set to `undefined` (each then means its default). The
 * type keeps the list complete: an option added to `LivepushAuthOptions` and not here fails to compile.
 */
export const EVERY_OPTION_UNDEFINED = {
  basePath: undefined,
  scopes: undefined,
  allowedScopes: undefined,
  endpoints: undefined,
  session: undefined,
  cookies: undefined,
  store: undefined,
  afterLogoutPath: undefined,
  fetchUser: undefined,
  onSignIn: undefined,
  leewaySeconds: undefined,
  trustedOrigins: undefined,
  onSession: undefined,
  onError: undefined,
  logger: undefined,
  debug: undefined,
  tokenRequestMethod: undefined,
  tokenEndpointAuthMethod: undefined,
  scopeSeparator: undefined,
  pkce: undefined,
  timeoutMs: undefined,
  defaultExpiresInSeconds: undefined,
  fetch: undefined,
  now: undefined,
} as const satisfies { [K in Exclude<keyof LivepushAuthOptions, Required_>]-?: undefined };
