// Tokens that live no longer than the refresh leeway (`expires_in` ≤ `leewaySeconds`): the leeway is
// capped at a quarter of the token's life (TokenSet.issuedAt), so a fresh token is not already due.
import { describe, expect, it } from 'vitest';
import { setupWithClock } from './due-session';
import { APP_ORIGIN } from './harness';

describe.each([30, 60])('tokens that live %i s, leeway 60 s', (ttl) => {
  it('20 sequential API calls over most of the token’s life make exactly 1 refresh', async () => {
    const env = await setupWithClock({ mock: { accessTokenTtlSeconds: ttl } });
    await env.browser.signIn();
    const before = env.mock.stats().refreshGrants;
    // 20 calls spread over 80% of the life: the token comes due once (at 75%), its successor never.
    const step = (ttl * 1000 * 0.8) / 19;
    for (let i = 0; i < 20; i++) {
      expect((await env.browser.app('/auth/api/streams/streams/mine')).status).toBe(200);
      env.clock.now += step;
    }
    expect(env.mock.stats().refreshGrants - before).toBe(1);
  });

  it('late requests carrying the previous cookie are not signed out, and refresh nothing more', async () => {
    const env = await setupWithClock({ mock: { accessTokenTtlSeconds: ttl } });
    await env.browser.signIn();
    env.clock.now += ttl * 1000 * 0.8; // due
    const previous = env.browser.cookieHeader();
    expect((await env.browser.app('/auth/api/streams/streams/mine')).status).toBe(200);
    expect(env.mock.stats().refreshGrants).toBe(1);
    for (let i = 0; i < 3; i++) {
      env.clock.now += 1000;
      const late = await env.auth.handler(
        new Request(`${APP_ORIGIN}/auth/api/streams/streams/mine`, { headers: { cookie: previous } }),
      );
      expect(late.status).toBe(200);
    }
    expect(env.mock.stats().refreshGrants).toBe(1);
    expect(await env.browser.session()).toMatchObject({ authenticated: true });
  });
});
