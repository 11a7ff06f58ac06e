'use client';
// A Client Component over useLivepushAuth(): the session the server rendered, kept by the browser store.
import { useLivepushAuth } from '@livepush/auth-next/client';
import { memberSinceText } from '@livepush/demo-shared/messages';
import { useEffect, useState } from 'react';
import { signOutAction, signOutEverywhereAction } from '../actions';

/** `m:ss` until `expiresAt`; at zero it refetches the session (the server then refreshes the token). */
function useCountdown(expiresAt: number, refresh: () => unknown): string {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.round((expiresAt - now) / 1000));
  const expired = seconds === 0;
  useEffect(() => {
    if (expired) void refresh();
  }, [expired, refresh]);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** `signOutEverywhere`: offer "Sign out everywhere" (only with a session store: a cookie cannot be revoked). */
export function Profile({ signOutEverywhere }: { signOutEverywhere: boolean }) {
  const auth = useLivepushAuth();
  const expiresAt = auth.isAuthenticated ? auth.expiresAt : 0;
  const countdown = useCountdown(expiresAt, auth.refresh);
  const { user } = auth;
  const memberSince = memberSinceText(auth.data);
  return (
    <section className="card" aria-labelledby="profile-heading">
      <div className="profile">
        {user && (
          // biome-ignore lint/performance/noImgElement: an avatar from Livepush' CDN, as in the other demos (no next/image loader set up for it).
          <img className="avatar" src={user.avatar} alt={`Avatar of ${user.name}`} />
        )}
        <div>
          <h2 id="profile-heading">{user?.name ?? 'Signed in'}</h2>
          {user && (
            <p className="muted">
              @{user.username} · {user.email}
            </p>
          )}
          {memberSince && <p>{memberSince}</p>}
        </div>
      </div>
      <h3 id="granted-heading">Granted scopes</h3>
      <ul aria-labelledby="granted-heading" className="chips">
        {auth.scopes.map((scope) => (
          <li key={scope}>
            <code>{scope}</code>
          </li>
        ))}
      </ul>
      <p>
        Access token expires in{' '}
        <time data-testid="expiry" dateTime={new Date(expiresAt).toISOString()} suppressHydrationWarning>
          {countdown}
        </time>{' '}
        <small className="muted">(your server refreshes it; this page never sees it)</small>
      </p>
      <form action={signOutAction}>
        <button type="submit">Sign out</button>
      </form>{' '}
      {signOutEverywhere && (
        <form action={signOutEverywhereAction}>
          <button type="submit">Sign out everywhere</button>
        </form>
      )}
    </section>
  );
}
