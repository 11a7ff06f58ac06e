import { isLivepushScope, type LivepushScope } from '../../scopes';
import type { ServerCore } from '../config';
import { cookie, expiredCookie, type LivepushCookie } from '../cookies';

/** What the server remembers between login and callback, sealed in a short-lived cookie. */
export interface Transaction {
  state: string;
  codeVerifier?: string;
  scopes: LivepushScope[];
  returnTo: string;
}

/** Ten minutes to sign in and consent. */
export const TRANSACTION_TTL_SECONDS = 600;

/**
 * One cookie per pending sign-in, named after its state, so two tabs signing in at once do not
 * overwrite each other; each is cleared by its callback.
 */
function cookieName(core: ServerCore, state: string): string {
  return `${core.transactionCookie}.${state.slice(0, 16)}`;
}

/** The cookie that starts a transaction. */
export async function startTransaction(core: ServerCore, transaction: Transaction): Promise<LivepushCookie> {
  const expiresAt = core.client.now() + TRANSACTION_TTL_SECONDS * 1000;
  const sealed = await core.sealer.seal('transaction', transaction, expiresAt);
  return cookie(cookieName(core, transaction.state), sealed, TRANSACTION_TTL_SECONDS, core.secure);
}

function isTransaction(value: unknown): value is Transaction {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Partial<Transaction>;
  return (
    typeof t.state === 'string' &&
    typeof t.returnTo === 'string' &&
    (t.codeVerifier === undefined || typeof t.codeVerifier === 'string') &&
    Array.isArray(t.scopes) &&
    t.scopes.every(isLivepushScope)
  );
}

/**
 * The transaction the callback's `state` points at (or `null`) and the cookie deletion that ends it:
 * single use, whatever happens next.
 */
export async function takeTransaction(
  core: ServerCore,
  cookies: ReadonlyMap<string, string>,
  state: string | null,
): Promise<{ transaction: Transaction | null; clear: LivepushCookie[] }> {
  if (!state || state.length < 16) return { transaction: null, clear: [] };
  const name = cookieName(core, state);
  const sealed = cookies.get(name);
  if (sealed === undefined) return { transaction: null, clear: [] };
  const opened = await core.sealer.open('transaction', sealed);
  return { transaction: isTransaction(opened) ? opened : null, clear: [expiredCookie(name, core.secure)] };
}

/** The deletions that end every pending sign-in this browser carries. */
export function endTransactions(core: ServerCore, cookies: ReadonlyMap<string, string>): LivepushCookie[] {
  const prefix = `${core.transactionCookie}.`;
  return [...cookies.keys()]
    .filter((name) => name.startsWith(prefix))
    .map((name) => expiredCookie(name, core.secure));
}
