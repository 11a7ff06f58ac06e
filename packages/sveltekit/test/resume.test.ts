// A form action that needs incremental consent (issue 22, item 10): the POST cannot survive the trip to
// Livepush, so the action keeps its fields (sealed, HttpOnly, this page only, 10 minutes) and the page
// gets them back once, to show them filled in for an explicit second submit. Nothing replays by itself.
import type { MockLivepush } from '@livepush/mock-server';
import { APP_ORIGIN, authOptions, LATER_SCOPES, startMock } from '@livepush/test-support';
import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLivepushHandle, type LivepushContext, type LivepushLocals } from '../src/index';
import { KitBrowser } from './support/kit';

const livepush = (event: RequestEvent): LivepushContext =>
  (event.locals as unknown as LivepushLocals).livepush;

let mock: MockLivepush;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

/** The demo's /streams page: its load hands back a kept form, its `create` action needs streams.create. */
function app() {
  const created: string[] = [];
  const browser = new KitBrowser(createLivepushHandle({ ...authOptions(mock), ...LATER_SCOPES }), {
    '/streams': async (event) => {
      if (event.request.method !== 'POST') return { resumed: await livepush(event).resumed() };
      const form = await event.request.formData();
      await livepush(event).requireScopes(['streams.create'], { resume: form });
      created.push(String(form.get('name')));
      return { created: form.get('name') };
    },
    '/': async (event) => ({ resumed: await livepush(event).resumed() }),
  });
  return { browser, created };
}

const post = (browser: KitBrowser, body: Record<string, string>, path = '/streams?/create') =>
  browser.request(path, {
    method: 'POST',
    headers: { origin: APP_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  });

describe('requireScopes(scopes, { resume }) in a form action', () => {
  it('keeps the fields across consent; the page gets them back once; the user submits again', async () => {
    const { browser, created } = app();
    await browser.signIn();
    const { response } = await post(browser, { name: 'Launch night', category: 'simulcast' });
    expect(response.status).toBe(303);
    const login = new URL(response.headers.get('location')!, APP_ORIGIN);
    expect(login.pathname).toBe('/auth/login');
    expect(login.searchParams.get('scope')).toBe('streams.create');
    expect(login.searchParams.get('returnTo')).toBe('/streams'); // the page, not the action
    const kept = response.headers.getSetCookie().find((line) => line.startsWith('livepush_resume='))!;
    expect(kept).toMatch(/; Max-Age=600; Path=\/streams; HttpOnly; SameSite=Lax$/);
    expect(kept).not.toMatch(/Launch|simulcast|name/);
    expect(created).toEqual([]);

    // Livepush asks, the user approves, the callback lands on the page: its load gets the form back.
    const back = await browser.navigate(login.pathname + login.search);
    expect(back.url.pathname).toBe('/streams');
    expect(await back.response!.json()).toEqual({
      resumed: { action: 'create', fields: { name: 'Launch night', category: 'simulcast' } },
    });
    expect(created).toEqual([]); // nothing was replayed: the POST waits for the user
    expect(browser.jar.has('livepush_resume')).toBe(false);
    expect(await (await browser.request('/streams')).response.json()).toEqual({ resumed: null });

    // The second submit now has the scope: it creates, and keeps nothing.
    const again = await post(browser, { name: 'Launch night' });
    expect(await again.response.json()).toEqual({ created: 'Launch night' });
    expect(again.response.headers.getSetCookie()).toEqual([]);
    expect(created).toEqual(['Launch night']);
  });

  it('is bound to its page: another page does not take it, and a tampered one is no form', async () => {
    const { browser } = app();
    await browser.signIn();
    await post(browser, { name: 'Kept for /streams' });
    const sealed = browser.jar.get('livepush_resume')!;
    // (The jar sends every cookie everywhere; a browser would not even send it to `/`.)
    expect(await (await browser.request('/')).response.json()).toEqual({ resumed: null });
    expect(browser.jar.get('livepush_resume')).toBe(sealed);
    browser.jar.set('livepush_resume', `${sealed.slice(0, -4)}AAAA`);
    expect(await (await browser.request('/streams')).response.json()).toEqual({ resumed: null });
  });

  it('a form too big for a cookie keeps its action without the fields', async () => {
    const { browser } = app();
    await browser.signIn();
    await post(browser, { name: 'x'.repeat(5000) });
    expect(browser.jar.get('livepush_resume')!.length).toBeLessThan(3000);
    expect(await (await browser.request('/streams')).response.json()).toEqual({
      resumed: { action: 'create', fields: {} },
    });
  });

  it('keeps nothing when the scopes are there, or outside an action', async () => {
    const { browser } = app();
    await browser.signIn('?scope=streams.create');
    const { response } = await post(browser, { name: 'Straight away' });
    expect(await response.json()).toEqual({ created: 'Straight away' });
    expect(browser.jar.has('livepush_resume')).toBe(false);

    const loadOnly = new KitBrowser(createLivepushHandle({ ...authOptions(mock), ...LATER_SCOPES }), {
      '/streams': async (event) =>
        livepush(event).requireScopes(['streams.create'], { resume: { name: 'from a load' } }),
    });
    await loadOnly.signIn();
    expect((await loadOnly.request('/streams')).response.status).toBe(303);
    expect(loadOnly.jar.has('livepush_resume')).toBe(false);
  });

  it('refuses a resume that is no form', async () => {
    const browser = new KitBrowser(createLivepushHandle({ ...authOptions(mock), ...LATER_SCOPES }), {
      '/streams': async (event) =>
        livepush(event).requireScopes(['streams.create'], { resume: 'name=x' as never }),
    });
    await browser.signIn();
    await expect(post(browser, {})).rejects.toMatchObject({ code: 'invalid_request' });
  });
});
