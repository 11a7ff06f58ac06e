import { apiForPath } from '../api/api-for-path';
import type { LivepushAuthErrorCode } from '../errors';
import { hasScopes } from '../scopes';
import type { SessionPayload } from '../session-payload';
import { resolveBasePath, type SignInOptions, signInUrl } from '../sign-in-url';
import { clientError, isErrorCode } from './messages';
import { LOADING, snapshotOf } from './snapshot';
import type { AuthClient, AuthClientError, AuthClientOptions, AuthSnapshot } from './types';

/** The BroadcastChannel tabs share; its only message is {@link REFETCH}. */
const CHANNEL = 'livepush-auth';
/** The one message tabs exchange: "ask the server again". It never carries session data. */
const REFETCH = 'refetch';
/** Focus and visibility events closer together than this cause one refetch. */
const FOCUS_DEBOUNCE_MS = 1000;
/** How long after a session answer that did not refresh a due token the store asks again. */
const RETRY_MS = 5000;
/** The Web Lock tabs take around their session requests, so only one of them refreshes at a time. */
const LOCK = 'livepush-auth:session';

/** A session answer (`GET {basePath}/session`), as far as planning its refresh goes. */
type Answer = (SessionPayload & { refreshIn?: number }) | null | undefined;

/** How the store calls its own server: with the session cookie, asking for JSON. */
const JSON_CALL: RequestInit = { credentials: 'same-origin', headers: { accept: 'application/json' } };

/** A JSON POST to one of the store's routes, e.g. `{"everywhere":true}` (`{}` for none). */
const post = (body: object): RequestInit => ({ ...JSON_CALL, method: 'POST', body: JSON.stringify(body) });

/**
 * Creates the browser session store over the server routes (`{basePath}/session`, `login`,
 * `logout`, `api/*`). Construction has no side effects (safe during SSR): the first `subscribe` in a
 * browser fetches the session (unless `initialSession` was given), reads an `?error=` the callback
 * left in the URL, and starts listening for focus and other tabs. A transient failure never signs
 * the user out: it keeps the last session and sets `error`.
 *
 * @example
 * ```ts
 * const auth = createAuthClient({ initialSession: window.__SESSION__ })
 * auth.subscribe(() => render(auth.getSnapshot()))
 * if (!auth.hasScopes(['streams.read'])) auth.signIn({ scopes: ['streams.read'] })
 * ```
 */
export function createAuthClient(options: AuthClientOptions = {}): AuthClient {
  const base = resolveBasePath(options.basePath);
  const send: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const listeners = new Set<() => void>();
  // A server-rendered page that came back from a failed sign-in shows that error before the URL is read.
  let urlError: AuthClientError | null = isErrorCode(options.initialError)
    ? clientError(options.initialError)
    : null;
  let fetchError: AuthClientError | null = null;
  const withError = (next: AuthSnapshot): AuthSnapshot => ({ ...next, error: fetchError ?? urlError });
  const serverSnapshot = withError(
    (options.initialSession !== undefined && snapshotOf(options.initialSession)) || LOADING,
  );
  let snapshot = serverSnapshot;
  let flight: Promise<AuthSnapshot> | undefined;
  /** Bumped by signOut, so an older session answer arriving late is ignored. */
  let epoch = 0;
  let started = false;
  let destroyed = false;
  let channel: BroadcastChannel | undefined;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  let detach: (() => void) | undefined;
  const now = options.now ?? Date.now;
  /** When (store clock) the server refreshes the token ahead of expiry: the store asks again then. */
  let refreshAt: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** Arms the one timer that refreshes the session ahead of expiry (only while attached in a browser). */
  const arm = (): void => {
    clearTimeout(timer);
    if (refreshAt !== undefined && detach) timer = setTimeout(() => void load(false), refreshAt - now()); // at most a day: the server says so
  };
  /**
   * Plans the refresh from a session answer's `refreshIn` (relative, so the browser's clock does not
   * matter); a due token the server could not refresh (Livepush failing) is asked about again shortly.
   */
  const plan = (seconds?: number): void => {
    refreshAt = seconds === undefined ? undefined : now() + (seconds > 0 ? seconds * 1000 : RETRY_MS);
    arm();
  };
  /** True once the planned refresh is due (a throttled background tab may be late for its timer). */
  const due = () => refreshAt !== undefined && refreshAt <= now();
  plan((options.initialSession as Answer)?.refreshIn);

  const emit = (next: AuthSnapshot): void => {
    if (JSON.stringify(next) === JSON.stringify(snapshot)) return;
    snapshot = next;
    for (const listener of [...listeners]) listener();
  };
  const fail = (code: LivepushAuthErrorCode): void => {
    fetchError = clientError(code);
    emit(withError(snapshot));
  };

  async function fetchSession(announce: boolean, init = JSON_CALL): Promise<AuthSnapshot> {
    const at = epoch;
    const before = snapshot.status;
    let next: AuthSnapshot | undefined;
    let failure: LivepushAuthErrorCode = 'invalid_response';
    let payload: Answer;
    try {
      // The server answers no-store, so no cache option is needed. Tabs take turns (a Web Lock), so
      // when a token comes due only the first one's request refreshes it: the others carry its cookie.
      const get = () => send(`${base}/session`, init);
      const response = await (globalThis.navigator?.locks?.request(LOCK, get) ?? get());
      if (response.ok) {
        payload = await response.json();
        next = snapshotOf(payload as SessionPayload);
      }
    } catch (error) {
      if (!(error instanceof SyntaxError)) failure = 'network_error';
    }
    if (at !== epoch) return snapshot;
    if (next) {
      fetchError = null;
      plan(payload?.refreshIn);
      emit(withError(next));
    } else {
      if (due()) plan(0);
      // Keep what we knew; only a first load, with nothing to keep, settles as signed out.
      fetchError = clientError(failure);
      emit(withError(snapshot.status === 'loading' ? { ...snapshot, status: 'unauthenticated' } : snapshot));
    }
    if (announce && before !== 'loading' && before !== snapshot.status) channel?.postMessage(REFETCH);
    return snapshot;
  }

  /** One session request at a time; callers during it share its answer. */
  const load = (announce: boolean): Promise<AuthSnapshot> =>
    (flight ??= fetchSession(announce).finally(() => {
      flight = undefined;
    }));

  function attach(): void {
    // One abort removes every window/document listener at once.
    const listening = new AbortController();
    const { signal } = listening;
    if (options.refetchOnFocus !== false) {
      const onFocus = () => {
        if (document.visibilityState === 'hidden') return;
        if (debounce === undefined) void load(true);
        clearTimeout(debounce);
        debounce = setTimeout(() => {
          debounce = undefined;
        }, FOCUS_DEBOUNCE_MS);
      };
      window.addEventListener('focus', onFocus, { signal });
      document.addEventListener('visibilitychange', onFocus, { signal });
    }
    if (options.syncTabs !== false && typeof BroadcastChannel !== 'undefined') {
      channel = new BroadcastChannel(CHANNEL);
      channel.onmessage = (event) => {
        if (event.data === REFETCH) void load(false);
      };
    }
    detach = () => {
      listening.abort();
      clearTimeout(debounce);
      clearTimeout(timer);
      debounce = undefined;
      channel?.close();
      channel = detach = undefined;
    };
    arm();
  }

  function start(): void {
    const needsSession = snapshot.status === 'loading';
    if (options.readErrorFromUrl !== false) {
      const url = new URL(location.href);
      const code = url.searchParams.get('error');
      if (isErrorCode(code)) {
        url.searchParams.delete('error');
        history.replaceState(history.state, '', url);
        urlError = clientError(code);
        emit(withError(snapshot));
      }
    }
    if (needsSession) void load(true);
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (typeof window !== 'undefined' && !destroyed) {
        if (!detach) attach();
        if (!started) {
          started = true;
          start();
        }
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) detach?.();
      };
    },
    getSnapshot: () => snapshot,
    getServerSnapshot: () => serverSnapshot,
    signIn({ scopes, returnTo = location.pathname + location.search }: SignInOptions = {}) {
      (options.navigate ?? ((url) => location.assign(url)))(signInUrl({ basePath: base, scopes, returnTo }));
    },
    async signOut({ everywhere } = {}) {
      try {
        const response = await send(`${base}/logout`, post({ everywhere }));
        // The server's code when it says one (signing out everywhere without a store: invalid_config).
        if (!response.ok) return fail((await response.json().catch(() => 0)).code ?? 'invalid_response');
      } catch {
        return fail('network_error');
      }
      epoch++;
      flight = undefined;
      plan();
      fetchError = urlError = null;
      emit(snapshotOf(null) as AuthSnapshot);
      channel?.postMessage(REFETCH);
    },
    // The profile is re-read by a POST (guarded like logout), apart from the shared session request.
    refresh: ({ profile } = {}) => (profile ? fetchSession(true, post({ profile })) : load(true)),
    hasScopes: (scopes) => hasScopes(snapshot.scopes, scopes),
    async fetch(path, init) {
      // A session request in flight may be refreshing the tokens (load() joins it), and a token due for
      // its refresh gets one (one request, not one per call): the call waits and carries the new cookie.
      if (flight || due()) await load(false);
      const response = await send(`${base}/api/${apiForPath(path)}${path}`, {
        credentials: 'same-origin',
        ...init,
      });
      // The session may have ended (or been refreshed elsewhere): ask the server what it is now.
      if (response.status === 401) await load(true);
      return response;
    },
    destroy() {
      destroyed = true;
      listeners.clear();
      detach?.();
    },
  };
}
