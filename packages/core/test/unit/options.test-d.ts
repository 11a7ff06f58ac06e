// Compiled with `exactOptionalPropertyTypes` (tsconfig.base.json): options accept an explicit `undefined`
// (`endpoints: env.LIVEPUSH_MOCK_URL ? mockEndpoints(env.LIVEPUSH_MOCK_URL) : undefined`), and a typo in
// an option object literal is a compile error before it is a runtime one.
import { describe, expectTypeOf, it } from 'vitest';
import type { LivepushEndpointOverrides } from '../../src/index';
import type { OAuthClientOptions } from '../../src/protocol/index';
import { createLivepushAuth, type LivepushAuthOptions } from '../../src/server/index';
import { EVERY_OPTION_UNDEFINED } from './undefined-options';

declare const env: Record<string, string | undefined>;
declare const mockEndpoints: (url: string) => LivepushEndpointOverrides;

const required = {
  clientId: 'client',
  clientSecret: 'secret',
  redirectUri: 'http://127.0.0.1:3000/auth/callback',
  secret: 'a-session-secret-of-at-least-32-characters',
};

describe('options under exactOptionalPropertyTypes', () => {
  it('every optional option takes undefined', () => {
    const options = {
      ...required,
      ...EVERY_OPTION_UNDEFINED,
      endpoints: env.LIVEPUSH_MOCK_URL ? mockEndpoints(env.LIVEPUSH_MOCK_URL) : undefined,
      session: { maxAgeSeconds: undefined },
      cookies: { name: undefined },
    } satisfies LivepushAuthOptions;
    expectTypeOf(createLivepushAuth(options).basePath).toBeString();
  });

  it('each endpoint may be undefined too, and a value read from the environment fits', () => {
    const endpoints: LivepushEndpointOverrides = { token: env.TOKEN_URL, issuer: undefined };
    expectTypeOf(endpoints).toExtend<NonNullable<OAuthClientOptions['endpoints']>>();
    expectTypeOf<LivepushAuthOptions['basePath']>().toEqualTypeOf<string | undefined>();
  });

  it('required options stay required, and a misspelt one is a compile error', () => {
    // @ts-expect-error redirectUri is required
    createLivepushAuth({ clientId: 'c', clientSecret: 's', secret: required.secret });
    // @ts-expect-error `scpoes` is not an option (at runtime: invalid_config, "did you mean scopes?")
    createLivepushAuth({ ...required, scpoes: ['profile.read'] });
    // @ts-expect-error the secret may not be undefined
    createLivepushAuth({ ...required, secret: undefined });
  });
});
