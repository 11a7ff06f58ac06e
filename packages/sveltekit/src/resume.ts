import type { LivepushAuth } from '@livepush/auth-core/server';
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import type { ResumedForm } from './types';

/**
 * A form action that needs a scope the session lacks sends the user to Livepush and back to the page
 * (incremental consent): the POST itself cannot survive that trip. What can: the fields the action
 * chose to keep, sealed in a short-lived HttpOnly cookie scoped to the page, handed back once by
 * `resumed()` so the page shows them filled in and the user submits again — an explicit click, never
 * an automatic replay of a POST (which a forged link could trigger, and which may not be idempotent).
 */

const COOKIE = 'livepush_resume';
const PURPOSE = 'sveltekit-form-resume';
/** Long enough for a consent screen, short enough that a stale form does not come back days later. */
const MAX_AGE_SECONDS = 600;
/** Kept under the ~4 KB a browser stores per cookie; a bigger form keeps its action, not its fields. */
const MAX_SEALED_LENGTH = 3000;

/** The action's name from SvelteKit's selector (`?/create`); `default` for the default action. */
function actionOf(url: URL): string {
  for (const key of url.searchParams.keys()) if (key.startsWith('/')) return key.slice(1);
  return 'default';
}

/** Text fields only (files cannot be kept), the first value of each name. */
function textFields(fields: FormData | Readonly<Record<string, string>>): Record<string, string> {
  const kept: Record<string, string> = {};
  const entries = fields instanceof FormData ? fields.entries() : Object.entries(fields);
  for (const [name, value] of entries) if (typeof value === 'string' && !(name in kept)) kept[name] = value;
  return kept;
}

function cookieOptions(auth: LivepushAuth, path: string) {
  const secure = new URL(auth.client.redirectUri).protocol === 'https:';
  return { path, httpOnly: true, secure, sameSite: 'lax' as const, encode: (value: string) => value };
}

/**
 * Keeps `fields` for the page this form action posted from, before the action leaves to sign in.
 * Only from an action (a POST with SvelteKit's `?/name` selector or the default action).
 * @internal
 */
export async function keepForm(
  auth: LivepushAuth,
  event: Pick<RequestEvent, 'url' | 'request' | 'cookies'>,
  fields: FormData | Readonly<Record<string, string>>,
): Promise<void> {
  if (event.request.method !== 'POST') return;
  const path = event.url.pathname;
  const sealer = auth.sealer(PURPOSE);
  const expiresAt = auth.client.now() + MAX_AGE_SECONDS * 1000;
  const action = actionOf(event.url);
  let sealed = await sealer.seal(path, { action, fields: textFields(fields) }, expiresAt);
  if (sealed.length > MAX_SEALED_LENGTH) sealed = await sealer.seal(path, { action, fields: {} }, expiresAt);
  event.cookies.set(COOKIE, sealed, { ...cookieOptions(auth, path), maxAge: MAX_AGE_SECONDS });
}

/** The form kept for this page, once: the cookie is cleared as it is read. @internal */
export async function takeResumed(
  auth: LivepushAuth,
  event: Pick<RequestEvent, 'url'> & { cookies: Cookies },
): Promise<ResumedForm | null> {
  const sealed = event.cookies.get(COOKIE);
  if (sealed === undefined) return null;
  const path = event.url.pathname;
  // Sealed for this page (the path is bound in), else another page's: left for it, or to expire.
  const opened = (await auth.sealer(PURPOSE).open(path, sealed)) as ResumedForm | null;
  if (opened === null || typeof opened.action !== 'string' || typeof opened.fields !== 'object') return null;
  event.cookies.delete(COOKIE, cookieOptions(auth, path));
  return { action: opened.action, fields: opened.fields };
}
