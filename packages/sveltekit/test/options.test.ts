// createLivepushHandle validates its options when it is created (issue 22, item 6): a misconfigured app
// fails as hooks.server.ts loads, with the reason, instead of answering 500 on its first request.
import { isLivepushAuthError, type LivepushAuthError } from '@livepush/auth-core';
import type { LivepushAuthOptions } from '@livepush/auth-core/server';
import type { MockLivepush } from '@livepush/mock-server';
import { authOptions, startMock } from '@livepush/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLivepushHandle } from '../src/index';
import { setBuilding } from './support/app-environment';
import { KitBrowser } from './support/kit';

let mock: MockLivepush;
let options: LivepushAuthOptions;
beforeAll(async () => {
  mock = await startMock();
  options = authOptions(mock);
});
afterAll(() => mock.close());
afterEach(() => setBuilding(false));

function thrownBy(run: () => unknown): LivepushAuthError {
  try {
    run();
  } catch (error) {
    if (isLivepushAuthError(error)) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

/** What the README's hooks.server.ts passes when ORIGIN is not set: `${env.ORIGIN}/auth/callback`. */
const withoutOrigin = () => ({
  ...options,
  redirectUri: `${process.env.LIVEPUSH_TEST_UNSET_ORIGIN}/auth/callback`,
});

describe('createLivepushHandle(options)', () => {
  it('throws invalid_config at once for an options object with problems: ORIGIN unset says so', () => {
    const error = thrownBy(() => createLivepushHandle(withoutOrigin()));
    expect(error.code).toBe('invalid_config');
    expect(error.message).toContain('redirectUri must be an absolute URL starting with https://');
    expect(error.message).toContain('(e.g. ORIGIN) is not set');
  });

  it('passes unknown keys on to the core’s check: a typo is a line with its fix', () => {
    const error = thrownBy(() =>
      createLivepushHandle({ ...options, scpoes: ['profile.read'] } as LivepushAuthOptions),
    );
    expect(error.message).toContain('unknown option "scpoes": did you mean "scopes"?');
  });

  it('refuses what is no config at all', () => {
    expect(thrownBy(() => createLivepushHandle(undefined as never)).code).toBe('invalid_config');
  });

  it('a valid options object gives a working handle (the core made at creation serves the requests)', async () => {
    const browser = new KitBrowser(createLivepushHandle(options));
    await browser.signIn();
    expect(await (await browser.request('/auth/session')).response.json()).toMatchObject({
      authenticated: true,
    });
  });

  it('a function is not called at creation; what it returns is validated on the first request', async () => {
    const config = vi.fn(withoutOrigin);
    const handle = createLivepushHandle(config);
    expect(config).not.toHaveBeenCalled();
    const first = await new KitBrowser(handle).request('/').catch((error: unknown) => error);
    expect(config).toHaveBeenCalledTimes(1);
    expect(first).toMatchObject({ code: 'invalid_config' });
  });

  it('while SvelteKit builds (env may be missing then), an options object is not checked', async () => {
    setBuilding(true);
    const handle = createLivepushHandle(withoutOrigin());
    const { resolved } = await new KitBrowser(handle).request('/');
    expect(resolved).toBe(true);
  });
});
