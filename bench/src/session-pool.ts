import { randomBytes } from 'node:crypto';
import type { FetchLike } from '@livepush/auth-core';
import type { LivepushAuth } from '@livepush/auth-core/server';
import type { MockLivepush, MockTokenResponse } from '@livepush/mock-server';
import { createAuth, SCOPES, signIn } from './fixture';

/** One session, as our cookie and as the plain record the alternatives encrypt. */
export interface SessionInput {
  /** The `Cookie` header value our handler set at sign-in. */
  cookie: string;
  /** The same session as a plain object: what Auth.js and jose encrypt (same tokens, scopes, user). */
  payload: SessionPayloadRecord;
}

/** The session record, field for field as the handler keeps it. */
export interface SessionPayloadRecord {
  v: 1;
  tokens: {
    accessToken: string;
    refreshToken: string;
    tokenType: string;
    expiresAt: number;
    scopes: string[];
  };
  user: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

/** Distinct sealed sessions, minted through the handler's own sign-in path. */
export interface SessionPool {
  take(count: number): SessionInput[];
  readonly size: number;
  /** Bytes of one access token, and of one session cookie. */
  readonly accessTokenBytes: number;
  readonly cookieBytes: number;
}

const ACCESS_TOKEN_BYTES = 1024;
const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A ~1 KB JWT shaped like the mock's (same header and claims), unique through `jti` and extra claims. */
function accessTokenLike(template: string, serial: number): string {
  const [header, claims, signature] = template.split('.') as [string, string, string];
  const body = { ...JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')), jti: `bench-${serial}` };
  const bare = `${header}.${b64(JSON.stringify({ ...body, ctx: '' }))}.${signature}`.length;
  const pad = Math.max(0, Math.floor(((ACCESS_TOKEN_BYTES - bare) * 3) / 4));
  const ctx = randomBytes(pad).toString('base64url').slice(0, pad);
  return `${header}.${b64(JSON.stringify({ ...body, ctx }))}.${signature}`;
}

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

/**
 * Mints `size` sessions. The user profile and the token shapes come from the mock (a real token and
 * `GET /account/this`); then each sign-in runs through the handler (login → callback: code exchange,
 * profile, sealing, Set-Cookie) with Livepush answered in-process, so thousands take a second, not minutes.
 */
export async function mintSessions(mock: MockLivepush, size: number): Promise<SessionPool> {
  const issued = mock.issueTokens({ scopes: SCOPES });
  const profile = await fetch(`${mock.endpoints.accountsApi}/account/this`, {
    headers: { authorization: `Bearer ${issued.access_token}` },
  });
  if (!profile.ok) throw new Error(`mock profile: ${profile.status}`);
  const user = (await profile.json()) as Record<string, unknown>;

  let current: MockTokenResponse = issued;
  const livepush: FetchLike = async (input) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.startsWith(mock.endpoints.token)) return json(current);
    if (url.startsWith(`${mock.endpoints.accountsApi}/account/this`)) return json(user);
    throw new Error(`unexpected request to ${url}`);
  };
  const minter: LivepushAuth = createAuth(mock.endpoints, { fetch: livepush });
  const authorize = (url: URL) => {
    const back = new URL(url.searchParams.get('redirect_uri')!);
    back.searchParams.set('code', 'bench-code');
    back.searchParams.set('state', url.searchParams.get('state')!);
    return back;
  };

  const inputs: SessionInput[] = [];
  for (let i = 0; i < size; i++) {
    current = {
      ...issued,
      access_token: accessTokenLike(issued.access_token, i),
      refresh_token: randomBytes(Math.ceil((issued.refresh_token.length * 3) / 4))
        .toString('base64url')
        .slice(0, issued.refresh_token.length),
    };
    const now = Date.now();
    const cookie = await signIn(minter, authorize);
    inputs.push({
      cookie,
      payload: {
        v: 1,
        tokens: {
          accessToken: current.access_token,
          refreshToken: current.refresh_token,
          tokenType: current.token_type,
          expiresAt: now + current.expires_in * 1000,
          scopes: [...SCOPES],
        },
        user,
        createdAt: now,
        updatedAt: now,
      },
    });
  }

  let next = 0;
  return {
    size,
    accessTokenBytes: inputs[0]!.payload.tokens.accessToken.length,
    cookieBytes: inputs[0]!.cookie.length,
    take(count) {
      if (next + count > inputs.length) throw new Error(`session pool exhausted (${inputs.length})`);
      next += count;
      return inputs.slice(next - count, next);
    },
  };
}
