import { isLivepushScope, type LivepushScope } from '../../scopes';
import type { ServerCore } from '../config';
import { cookie, cookieCost, expiredCookie, type LivepushCookie } from '../cookies';
import { COOKIE_HEADER_BUDGET, TRANSACTION_COOKIE_MAX } from '../session-cookie';

/** What the server remembers between login and callback, sealed in a short-lived cookie. */
export interface Transaction {
  state: string;
  codeVerifier?: string;
  scopes: LivepushScope[];
  returnTo: string;
  /** When the sign-in started (epoch ms): the oldest pending sign-in goes first. */
  issuedAt?: number;
}

/** Ten minutes to sign in and consent. */
export const TRANSACTION_TTL_SECONDS = 600;

/** Pending sign-ins one browser may hold: enough for a few tabs; a newer one drops the oldest. */
export const MAX_PENDING_SIGN_INS = 3;

/**
 * One cookie per pending sign-in, named after its state, so two tabs signing in at once do not
 * overwrite each other; each is cleared by its callback.
 */
function cookieName(core: ServerCore, state: string): string {
  return `${core.transactionCookie}.${state.slice(0, 16)}`;
}

/** A pending sign-in's cookie the browser sent: its name, what it costs, when it was issued. */
interface Pending {
  name: string;
  cost: number;
  issuedAt: number;
}

/**
 * The pending sign-ins among `cookies`, oldest first. The issue time is sealed inside (one cookie
 * cannot pose as newer than it is); one that does not open (expired, foreign, from an older
 * version) counts as the oldest.
 */
async function pendingOf(core: ServerCore, cookies: ReadonlyMap<string, string>): Promise<Pending[]> {
  const prefix = `${core.transactionCookie}.`;
  const pending: Pending[] = [];
  for (const [name, value] of cookies) {
    if (!name.startsWith(prefix)) continue;
    const opened = (await core.sealer.open('transaction', value)) as Partial<Transaction> | null;
    const issuedAt = typeof opened?.issuedAt === 'number' ? opened.issuedAt : 0;
    pending.push({ name, cost: cookieCost(name, value), issuedAt });
  }
  return pending.sort((a, b) => a.issuedAt - b.issuedAt);
}

/**
 * The cookies that start a transaction: its own, and the deletions of the oldest pending sign-ins
 * this browser holds beyond {@link MAX_PENDING_SIGN_INS} or beyond what fits in
 * {@link COOKIE_HEADER_BUDGET} next to the session's cookies (`sessionCost`, counting the token cookie
 * its next refresh writes) — however many `/login` navigations a page (or an attacker's links) makes,
 * this browser's `Cookie` header stays within 8 KiB, also after a refresh. A `returnTo` that would
 * make the cookie cost more than {@link TRANSACTION_COOKIE_MAX} once sealed (about 1,000 characters,
 * after percent-encoding) is dropped: the user comes back to `/`.
 */
export async function startTransaction(
  core: ServerCore,
  started: Transaction,
  cookies: ReadonlyMap<string, string>,
  sessionCost: number,
): Promise<LivepushCookie[]> {
  const now = core.client.now();
  const expiresAt = now + TRANSACTION_TTL_SECONDS * 1000;
  const name = cookieName(core, started.state);
  const transaction = { ...started, issuedAt: now };
  let sealed = await core.sealer.seal('transaction', transaction, expiresAt);
  if (cookieCost(name, sealed) > TRANSACTION_COOKIE_MAX) {
    core.log.debug('login: returnTo too long to keep; the user will come back to /', {
      length: transaction.returnTo.length,
    });
    sealed = await core.sealer.seal('transaction', { ...transaction, returnTo: '/' }, expiresAt);
  }
  const pending = (await pendingOf(core, cookies)).filter((entry) => entry.name !== name);
  let total = sessionCost + cookieCost(name, sealed) + pending.reduce((sum, entry) => sum + entry.cost, 0);
  const dropped: LivepushCookie[] = [];
  while (pending.length > 0 && (pending.length >= MAX_PENDING_SIGN_INS || total > COOKIE_HEADER_BUDGET)) {
    const oldest = pending.shift()!;
    total -= oldest.cost;
    dropped.push(expiredCookie(oldest.name, core.secure, core.transactionPath));
  }
  return [cookie(name, sealed, TRANSACTION_TTL_SECONDS, core.secure, core.transactionPath), ...dropped];
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
  return {
    transaction: isTransaction(opened) ? opened : null,
    clear: [expiredCookie(name, core.secure, core.transactionPath)],
  };
}

/** The deletions that end every pending sign-in this browser carries. */
export function endTransactions(core: ServerCore, cookies: ReadonlyMap<string, string>): LivepushCookie[] {
  const prefix = `${core.transactionCookie}.`;
  return [...cookies.keys()]
    .filter((name) => name.startsWith(prefix))
    .map((name) => expiredCookie(name, core.secure, core.transactionPath));
}
