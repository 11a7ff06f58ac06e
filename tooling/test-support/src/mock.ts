import {
  DEFAULT_CLIENT,
  type MockLivepush,
  type MockLivepushOptions,
  startMockLivepush,
} from '@livepush/mock-server';
import { APP_ORIGIN } from './browser';

/** Starts the mock Livepush with consent approved at once (override with `options`). Close it after. */
export function startMock(options: MockLivepushOptions = {}): Promise<MockLivepush> {
  return startMockLivepush({ consent: 'approve', ...options });
}

/** A test's session secret (sealing and opening must agree; at least 32 characters). */
export const SECRET = 'test-session-secret-0123456789-abcdefghij';

const silent = { debug() {}, warn() {}, error() {} };

/**
 * Options of `createLivepushAuth` for an app on `origin` (default {@link APP_ORIGIN}) pointed at
 * `mock`: the mock's demo client, the default scopes, a quiet logger. Spread it and add what a test
 * needs: `createLivepushAuth({ ...authOptions(mock), store })`.
 */
export function authOptions(mock: Pick<MockLivepush, 'endpoints'>, origin = APP_ORIGIN) {
  return {
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: DEFAULT_CLIENT.clientSecret,
    redirectUri: `${origin}/auth/callback`,
    secret: SECRET,
    scopes: ['profile.read', 'streams.read'] as ('profile.read' | 'streams.read')[],
    endpoints: mock.endpoints,
    logger: silent,
  };
}

/**
 * What an app that asks for `streams.create` later (incremental consent) allows besides its default
 * scopes: spread it after {@link authOptions}, as the adapters' test apps and the demos do.
 */
export const LATER_SCOPES = {
  allowedScopes: ['profile.read', 'streams.read', 'streams.create'] as (
    | 'profile.read'
    | 'streams.read'
    | 'streams.create'
  )[],
};
