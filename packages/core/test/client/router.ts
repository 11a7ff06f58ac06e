import type { SessionPayload, SessionSummary } from '../../src/session-payload';

/** One request the store sent. */
export interface RoutedRequest {
  method: string;
  path: string;
  credentials: RequestCredentials | undefined;
  headers: Headers;
}

/** What the in-test server answers; tests change it between steps. */
export interface RouterState {
  session: SessionPayload;
  /** Makes the next session requests fail: `'network'` rejects like a dead connection, a number answers that status. */
  sessionFailure: 'network' | number | null;
  /** Status of `POST /auth/logout`. */
  logoutStatus: number;
  /** Answer of `/auth/api/*`. */
  api: () => Response;
}

export const SIGNED_IN: SessionSummary = {
  authenticated: true,
  scopes: ['profile.read', 'streams.read'],
  expiresAt: 1_900_000_000_000,
  user: {
    id: 'u_1',
    username: 'ada',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    avatar: 'https://example.test/a.svg',
    ns: 'ada',
    isDisabled: false,
    createdAt: '2023-07-19T10:24:02.000Z',
    preferences: {},
    billingInfo: { email: 'ada@example.com', name: 'Ada Lovelace' },
  },
  userId: 'u_1',
  data: {},
};

export const SIGNED_OUT: SessionPayload = { authenticated: false };

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * A tiny stand-in for the server handler's browser-facing contract (DESIGN.md): `GET session`,
 * `POST logout` (204 for fetch callers), `api/*`. Used where a test needs to control the answers;
 * the integration tests use the real handler.
 */
export function createRouter(initial: Partial<RouterState> = {}) {
  const state: RouterState = {
    session: SIGNED_OUT,
    sessionFailure: null,
    logoutStatus: 204,
    api: () => json([]),
    ...initial,
  };
  const requests: RoutedRequest[] = [];
  let gate: Promise<void> | undefined;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://127.0.0.1:3000');
    const method = init?.method ?? 'GET';
    requests.push({
      method,
      path: url.pathname + url.search,
      credentials: init?.credentials,
      headers: new Headers(init?.headers),
    });
    if (gate) await gate;
    if (url.pathname === '/auth/session' && method === 'GET') {
      if (state.sessionFailure === 'network') throw new TypeError('fetch failed');
      if (state.sessionFailure !== null)
        return new Response('<h1>Bad gateway</h1>', { status: state.sessionFailure });
      return json(state.session);
    }
    if (url.pathname === '/auth/logout' && method === 'POST') {
      if (state.logoutStatus === 204) state.session = SIGNED_OUT;
      return new Response(null, { status: state.logoutStatus });
    }
    if (url.pathname.startsWith('/auth/api/')) {
      if (!state.session.authenticated)
        return json({ code: 'unauthenticated', message: 'Sign in first.' }, 401);
      return state.api();
    }
    return json({ code: 'not_found' }, 404);
  };
  return {
    state,
    requests,
    fetch,
    /** Requests to `path`. */
    count: (path: string) => requests.filter((request) => request.path === path).length,
    /** Holds every answer until the returned function is called. */
    hold(): () => void {
      let release!: () => void;
      gate = new Promise((resolve) => {
        release = () => {
          gate = undefined;
          resolve();
        };
      });
      return release;
    },
  };
}

/** Lets pending promise callbacks (fetch answers, JSON parsing) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
}
