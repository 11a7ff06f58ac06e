// The #18 server utilities on a real h3 app over HTTP, against the mock Livepush: the app's `data` in the
// session, the profile re-read, and signing a user out of every browser (a memory store).
import { createMemoryStore } from '@livepush/auth-core/server';
import type { MockLivepush } from '@livepush/mock-server';
import { authOptions, Browser, startMock } from '@livepush/test-support';
import { defineEventHandler, readBody } from 'h3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  listLivepushSessions,
  refreshLivepushProfile,
  requireLivepushSession,
  signOutLivepushUser,
  updateLivepushSession,
} from '../src/runtime/server/utils';
import { type ServedH3, serveH3 } from './support/h3-app';

let mock: MockLivepush | undefined;
let served: ServedH3 | undefined;
afterEach(async () => {
  await served?.close();
  await mock?.close();
  served = mock = undefined;
});

/** The server/api routes of an app that keeps a role in the session and can sign a user out everywhere. */
const routes = {
  '/api/role': defineEventHandler(async (event) => {
    const { role } = await readBody<{ role: string }>(event);
    return updateLivepushSession(event, { data: { role } });
  }),
  '/api/profile': defineEventHandler((event) => refreshLivepushProfile(event)),
  '/api/sessions': defineEventHandler(async (event) => {
    const session = await requireLivepushSession(event);
    return listLivepushSessions(session.userId!);
  }),
  '/api/everywhere': defineEventHandler(async (event) => {
    const session = await requireLivepushSession(event);
    return { ended: await signOutLivepushUser(session.userId!) };
  }),
};

async function start(store = true) {
  mock = await startMock();
  const livepush = mock;
  served = await serveH3(
    (origin) => ({
      ...authOptions(livepush, origin),
      ...(store ? { store: createMemoryStore() } : {}),
      onSignIn: () => ({ data: { role: 'member' } }),
    }),
    routes,
  );
  const browser = () => new Browser(served!.origin, { sendOrigin: true });
  return { mock, served, browser };
}

const post = (browser: Browser, path: string, body: unknown = {}) =>
  browser.app(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the session utilities (#18)', () => {
  it('updateLivepushSession: the new data in the answer, the cookie through h3, the session JSON after', async () => {
    const { browser } = await start();
    const ada = browser();
    await ada.signIn();
    expect(await ada.session()).toMatchObject({ authenticated: true, data: { role: 'member' } });
    const response = await post(ada, '/api/role', { role: 'admin' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ authenticated: true, data: { role: 'admin' } });
    expect(await ada.session()).toMatchObject({ data: { role: 'admin' } });
    // Signed out: the utility throws unauthenticated (h3 answers an error status).
    const stranger = browser();
    expect((await post(stranger, '/api/role', { role: 'admin' })).status).toBeGreaterThanOrEqual(400);
  });

  it('refreshLivepushProfile re-reads /account/this into the session', async () => {
    const { mock, browser } = await start();
    const ada = browser();
    await ada.signIn();
    mock.setUser({ name: 'Ada King' });
    const response = await post(ada, '/api/profile');
    expect(await response.json()).toMatchObject({ user: { name: 'Ada King' } });
    expect(await ada.session()).toMatchObject({ user: { name: 'Ada King' } });
  });

  it('listLivepushSessions and signOutLivepushUser: every browser of the user, none of the others', async () => {
    const { browser } = await start();
    const [laptop, phone] = [browser(), browser()];
    await laptop.signIn();
    await phone.signIn();
    const sessions = (await (await laptop.app('/api/sessions')).json()) as { createdAt: number }[];
    expect(sessions).toHaveLength(2);
    for (const session of sessions) expect(session.createdAt).toBeLessThanOrEqual(Date.now());
    expect(JSON.stringify(sessions)).not.toMatch(/token/i);

    expect(await (await post(phone, '/api/everywhere')).json()).toEqual({ ended: 2 });
    expect(await laptop.session()).toEqual({ authenticated: false });
    expect(await phone.session()).toEqual({ authenticated: false });
  });

  it('without a store, signOutLivepushUser fails with invalid_config and the session stays', async () => {
    const { served, browser } = await start(false);
    const ada = browser();
    await ada.signIn();
    const userId = ((await ada.session()) as { userId: string }).userId;
    expect(userId).toEqual(expect.any(String));
    await expect(signOutLivepushUser(userId)).rejects.toMatchObject({ code: 'invalid_config' });
    await expect(listLivepushSessions(userId)).rejects.toMatchObject({ code: 'invalid_config' });
    expect(await ada.session()).toMatchObject({ authenticated: true });
    void served;
  });
});
