import { LIVEPUSH_ENDPOINTS, type LivepushEndpoints } from '@livepush/auth-core';

/**
 * Real Livepush's endpoints, each overridable from the environment (`LIVEPUSH_AUTHORIZE_URL`,
 * `LIVEPUSH_TOKEN_URL`, `LIVEPUSH_ACCOUNTS_API`, `LIVEPUSH_STREAMS_API`, `LIVEPUSH_VOD_IMPORT_API`).
 * Its own module: the Next.js demo reads it without loading the mock server.
 */
export function livepushEndpointsFromEnv(env: NodeJS.ProcessEnv): LivepushEndpoints {
  return {
    authorize: env.LIVEPUSH_AUTHORIZE_URL ?? LIVEPUSH_ENDPOINTS.authorize,
    token: env.LIVEPUSH_TOKEN_URL ?? LIVEPUSH_ENDPOINTS.token,
    accountsApi: env.LIVEPUSH_ACCOUNTS_API ?? LIVEPUSH_ENDPOINTS.accountsApi,
    streamsApi: env.LIVEPUSH_STREAMS_API ?? LIVEPUSH_ENDPOINTS.streamsApi,
    vodImportApi: env.LIVEPUSH_VOD_IMPORT_API ?? LIVEPUSH_ENDPOINTS.vodImportApi,
  };
}
