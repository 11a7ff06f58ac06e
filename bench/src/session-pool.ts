import { randomBytes } from 'node:crypto';
import type { FetchLike } from '@livepush/auth-core/protocol';
import type { LivepushAuth } from '@livepush/auth-core/server';
import type { MockTokenResponse } from '@livepush/mock-server';
import { createAuth, SCOPES, signIn, startMock } from './fixture';

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

/** Sign-ins in flight while minting: the crypto runs on libuv's pool, so a few overlap well. */
const MINT_CONCURRENCY = 8;

/**
 * Mints sessions through the handler's own sign-in path (login → callback: code exchange, profile,
 * sealing, Set-Cookie). The user profile and the token shapes come from the mock (a real token and
 * `GET /account/this`); the per-session token responses are then answered in-process, so ten thousand
 * sign-ins take seconds, not minutes.
 */
async function mint(count: number): Promise<SessionInput[]> {
  const mock = await startMock();
  try {
    const issued = mock.issueTokens({ scopes: SCOPES });
    const profile = await fetch(`${mock.endpoints.accountsApi}/account/this`, {
      headers: { authorization: `Bearer ${issued.access_token}` },
    });
    if (!profile.ok) throw new Error(`mock profile: ${profile.status}`);
    const user = (await profile.json()) as Record<string, unknown>;

    const responses: MockTokenResponse[] = Array.from({ length: count }, (_, i) => ({
      ...issued,
      access_token: accessTokenLike(issued.access_token, serial + i),
      refresh_token: randomBytes(issued.refresh_token.length)
        .toString('base64url')
        .slice(0, issued.refresh_token.length),
    }));
    serial += count;
    const livepush: FetchLike = async (input) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      if (url.href.startsWith(mock.endpoints.token))
        return json(responses[Number(url.searchParams.get('code'))]);
      if (url.href.startsWith(`${mock.endpoints.accountsApi}/account/this`)) return json(user);
      throw new Error(`unexpected request to ${url.origin}${url.pathname}`);
    };
    const minter: LivepushAuth = createAuth(mock.endpoints, { fetch: livepush });

    const inputs: SessionInput[] = new Array(count);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < count; i = next++) {
        const now = Date.now();
        const cookie = await signIn(minter, (url) => {
          const back = new URL(url.searchParams.get('redirect_uri')!);
          back.searchParams.set('code', String(i));
          back.searchParams.set('state', url.searchParams.get('state')!);
          return back;
        });
        const tokens = responses[i]!;
        inputs[i] = {
          cookie,
          payload: {
            v: 1,
            tokens: {
              accessToken: tokens.access_token,
              refreshToken: tokens.refresh_token,
              tokenType: tokens.token_type,
              expiresAt: now + tokens.expires_in * 1000,
              scopes: [...SCOPES],
            },
            user,
            createdAt: now,
            updatedAt: now,
          },
        };
      }
    };
    await Promise.all(Array.from({ length: MINT_CONCURRENCY }, worker));
    return inputs;
  } finally {
    await mock.close();
  }
}

let serial = 0;
const pool: SessionInput[] = [];

/**
 * `count` distinct sessions, minted once per process and shared by the benchmarks (each reads them
 * with its own fresh server, so a session read elsewhere is still a first read there).
 */
export async function sessions(count: number): Promise<SessionInput[]> {
  if (pool.length < count) pool.push(...(await mint(count - pool.length)));
  return pool.slice(0, count);
}
