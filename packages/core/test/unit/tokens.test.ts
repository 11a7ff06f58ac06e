import { describe, expect, it } from 'vitest';
import type { LivepushAuthError, TokenSet } from '../../src/index';
import { createRefresher, isExpired } from '../../src/protocol/index';
import { json, recordingFetch, rejection, testClient } from '../helpers';

const base: TokenSet = {
  accessToken: 'at-0',
  refreshToken: 'rt-0',
  tokenType: 'access_token',
  expiresAt: 0,
  scopes: ['streams.read'],
};

describe('isExpired', () => {
  it('counts the leeway (default 60 s)', () => {
    expect(isExpired({ expiresAt: 1_000_000 }, { now: 1_000_000 - 61_000 })).toBe(false);
    expect(isExpired({ expiresAt: 1_000_000 }, { now: 1_000_000 - 60_000 })).toBe(true);
    expect(isExpired({ expiresAt: 1_000_000 }, { now: 999_000, leewaySeconds: 0 })).toBe(false);
    expect(isExpired({ expiresAt: 1_000_000 }, { now: 1_000_000, leewaySeconds: 0 })).toBe(true);
    expect(isExpired({ expiresAt: Number.NaN })).toBe(true);
    expect(isExpired({ expiresAt: Date.now() + 3_600_000 })).toBe(false);
  });

  it('caps the leeway at a quarter of the lifetime when issuedAt is known (tokens shorter than the leeway)', () => {
    // A 30 s token and the default 60 s leeway: due after 22.5 s, not at once.
    const short = { issuedAt: 1_000_000, expiresAt: 1_030_000 };
    expect(isExpired(short, { now: 1_000_000 })).toBe(false);
    expect(isExpired(short, { now: 1_022_499 })).toBe(false);
    expect(isExpired(short, { now: 1_022_500 })).toBe(true);
    // Long tokens keep the full leeway; so do token sets without issuedAt.
    const long = { issuedAt: 0, expiresAt: 3_600_000 };
    expect(isExpired(long, { now: 3_539_999 })).toBe(false);
    expect(isExpired(long, { now: 3_540_000 })).toBe(true);
    expect(isExpired({ expiresAt: 1_030_000 }, { now: 1_000_000 })).toBe(true);
    // expires_in 0 is due at once; an issuedAt after expiresAt is ignored.
    expect(isExpired({ issuedAt: 5, expiresAt: 5 }, { now: 5 })).toBe(true);
    expect(isExpired({ issuedAt: 2_000_000, expiresAt: 1_030_000 }, { now: 1_000_000 })).toBe(true);
  });
});

describe('createRefresher', () => {
  function rotatingServer(options: { delayMs?: number; fail?: () => Response | undefined } = {}) {
    let n = 0;
    return recordingFetch(async () => {
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 5));
      const failure = options.fail?.();
      if (failure) return failure;
      n += 1;
      return json({
        access_token: `at-${n}`,
        refresh_token: `rt-${n}`,
        token_type: 'access_token',
        expires_in: 3600,
      });
    });
  }

  it('100 concurrent refreshes of one token set make exactly 1 request and all get the same result', async () => {
    const server = rotatingServer();
    const refresher = createRefresher(testClient({ fetch: server.fetch }));
    const results = await Promise.all(Array.from({ length: 100 }, () => refresher.refresh(base)));
    expect(server.requests).toHaveLength(1);
    expect(new Set(results.map((r) => r.accessToken))).toEqual(new Set(['at-1']));
    for (const result of results) expect(result).toBe(results[0]);
    expect(refresher.inFlight).toBe(0);
  });

  it('a late caller with the old (rotated) token set gets the new tokens instead of replaying', async () => {
    const server = rotatingServer();
    const refresher = createRefresher(testClient({ fetch: server.fetch }));
    const first = await refresher.refresh(base);
    const late = await refresher.refresh(base);
    expect(late).toBe(first);
    expect(server.requests).toHaveLength(1);
  });

  it('follows the chain when the remembered result is itself due', async () => {
    let now = 1_000_000;
    const server = rotatingServer();
    const client = testClient({ fetch: server.fetch, now: () => now });
    const refresher = createRefresher(client, { reuseWindowMs: 2 * 3_600_000 });
    const first = await refresher.refresh(base); // rt-1, expires now + 3600 s
    now += 3_600_000;
    const second = await refresher.refresh(base);
    expect(second.accessToken).toBe('at-2');
    expect(server.requests.map((r) => r.url.searchParams.get('refresh_token'))).toEqual([
      'rt-0',
      first.refreshToken,
    ]);
  });

  it('different refresh tokens refresh independently', async () => {
    const server = rotatingServer();
    const refresher = createRefresher(testClient({ fetch: server.fetch }));
    await Promise.all([refresher.refresh(base), refresher.refresh({ ...base, refreshToken: 'other' })]);
    expect(server.requests).toHaveLength(2);
  });

  it('invalid_grant means the session is over; all waiting callers see it; nothing is cached', async () => {
    let fail = true;
    const server = rotatingServer({ fail: () => (fail ? json({ error: 'invalid_grant' }, 400) : undefined) });
    const refresher = createRefresher(testClient({ fetch: server.fetch }));
    const errors = await Promise.all(Array.from({ length: 10 }, () => rejection(refresher.refresh(base))));
    expect(errors.map((e) => (e as LivepushAuthError).code)).toEqual(errors.map(() => 'invalid_grant'));
    expect(server.requests).toHaveLength(1);
    fail = false;
    expect((await refresher.refresh(base)).accessToken).toBe('at-1');
  });

  it('a transient failure surfaces typed and leaves the token set intact for a later retry', async () => {
    let fail = true;
    const server = rotatingServer({ fail: () => (fail ? new Response('down', { status: 503 }) : undefined) });
    const refresher = createRefresher(testClient({ fetch: server.fetch }));
    const snapshot = structuredClone(base);
    const error = (await rejection(refresher.refresh(base))) as LivepushAuthError;
    expect(error.code).toBe('token_request_failed');
    expect(error.isTransient).toBe(true);
    expect(base).toEqual(snapshot);
    fail = false;
    expect((await refresher.refresh(base)).accessToken).toBe('at-1');
  });

  it('keeps the old refresh token when the server does not rotate', async () => {
    const server = recordingFetch(() => json({ access_token: 'at-x', expires_in: 3600 }));
    const refresher = createRefresher(testClient({ fetch: server.fetch }));
    expect((await refresher.refresh(base)).refreshToken).toBe('rt-0');
  });

  it('rejects a token set without a refresh token as unauthenticated', async () => {
    const refresher = createRefresher(testClient());
    const { refreshToken: _, ...rest } = base;
    expect(await rejection(refresher.refresh(rest))).toMatchObject({ code: 'unauthenticated' });
  });

  it('bounds its memory', async () => {
    const server = rotatingServer({ delayMs: 0 });
    const refresher = createRefresher(testClient({ fetch: server.fetch }), { maxRemembered: 3 });
    for (let i = 0; i < 5; i++) await refresher.refresh({ ...base, refreshToken: `rt-start-${i}` });
    await refresher.refresh({ ...base, refreshToken: 'rt-start-0' }); // forgotten → asks again
    await refresher.refresh({ ...base, refreshToken: 'rt-start-4' }); // remembered
    expect(server.requests).toHaveLength(6);
  });
});
