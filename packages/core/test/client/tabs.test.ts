// @vitest-environment happy-dom
// @vitest-environment-options { "url": "http://127.0.0.1:3000/" }
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAuthClient } from '../../src/client/index';
import type { AuthClient } from '../../src/client/types';
import type { SessionPayload } from '../../src/session-payload';
import { createRouter, SIGNED_IN, SIGNED_OUT } from './router';

const opened: { close(): void }[] = [];
afterEach(() => {
  for (const item of opened.splice(0)) item.close();
});

function tab(
  router: ReturnType<typeof createRouter>,
  initialSession: SessionPayload = SIGNED_IN,
): AuthClient {
  const auth = createAuthClient({ fetch: router.fetch as typeof fetch, initialSession });
  auth.subscribe(() => {});
  opened.push({ close: () => auth.destroy() });
  return auth;
}

/** A raw listener on the channel, to see exactly what the store posts. */
function eavesdrop(): unknown[] {
  const messages: unknown[] = [];
  const channel = new BroadcastChannel('livepush-auth');
  channel.onmessage = (event) => messages.push(event.data);
  opened.push(channel);
  return messages;
}

describe('cross-tab sync over BroadcastChannel', () => {
  it("signOut posts exactly 'refetch'; another tab refetches and signs out too", async () => {
    const router = createRouter({ session: SIGNED_IN });
    const messages = eavesdrop();
    const first = tab(router);
    const second = tab(router);
    await first.signOut();
    await vi.waitFor(() => expect(second.getSnapshot().status).toBe('unauthenticated'));
    expect(messages).toEqual(['refetch']);
    expect(router.count('/auth/session')).toBe(1);
  });

  it('a refresh that changed authentication tells the other tabs; one that did not stays quiet', async () => {
    const router = createRouter({ session: SIGNED_OUT });
    const messages = eavesdrop();
    const first = tab(router, SIGNED_OUT);
    const second = tab(router, SIGNED_OUT);
    await first.refresh();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(messages).toEqual([]);
    router.state.session = SIGNED_IN;
    await first.refresh();
    await vi.waitFor(() => expect(second.getSnapshot().status).toBe('authenticated'));
    expect(messages).toEqual(['refetch']);
    // The tab that reacted to the message does not echo it (no refetch storm).
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(messages).toEqual(['refetch']);
    expect(router.count('/auth/session')).toBe(3);
  });

  it('ignores any other message and syncTabs: false opens no channel', async () => {
    const router = createRouter({ session: SIGNED_IN });
    tab(router);
    const quiet = createAuthClient({
      fetch: router.fetch as typeof fetch,
      initialSession: SIGNED_IN,
      syncTabs: false,
    });
    quiet.subscribe(() => {});
    opened.push({ close: () => quiet.destroy() });
    const channel = new BroadcastChannel('livepush-auth');
    opened.push(channel);
    channel.postMessage({ type: 'refetch' });
    channel.postMessage('REFETCH');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(router.count('/auth/session')).toBe(0);
    channel.postMessage('refetch');
    await vi.waitFor(() => expect(router.count('/auth/session')).toBe(1));
  });
});
