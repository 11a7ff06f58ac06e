import type { LivepushApi } from '@livepush/auth-core';
import type { SessionSummary } from '@livepush/auth-core/server';
import type { NextFetchEvent, NextRequest } from 'next/server';
import { describe, expectTypeOf, it } from 'vitest';
import { createLivepushNext, type NextProxyFunction } from '../src/index';

const livepush = createLivepushNext(() => ({
  clientId: 'id',
  clientSecret: 'secret',
  redirectUri: 'https://app.example.com/auth/callback',
  secret: 'x'.repeat(32),
  protect: ['/streams', { path: '/admin', scopes: ['streams.create'] }],
}));

describe('createLivepushNext types', () => {
  it('gives sessions, never tokens, to pages; tokens only through getAccessToken', () => {
    expectTypeOf(livepush.auth).returns.toEqualTypeOf<Promise<SessionSummary | null>>();
    expectTypeOf(livepush.requireScopes)
      .parameter(0)
      .toEqualTypeOf<import('@livepush/auth-core').LivepushScope>();
    expectTypeOf(livepush.getAccessToken).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(livepush.api).returns.toEqualTypeOf<Promise<LivepushApi>>();
    expectTypeOf(livepush.signIn).returns.toEqualTypeOf<Promise<never>>();
    // @ts-expect-error a typo in a scope does not compile
    void livepush.requireScopes('streams.reed');
  });

  it('the route file and the proxy file type-check as Next.js expects them', () => {
    const { GET, POST } = livepush.handlers;
    expectTypeOf(GET).toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf(POST).toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf(livepush.proxy).toBeCallableWith({} as NextRequest, {} as NextFetchEvent);
    expectTypeOf(
      livepush.proxy((_request, { session }) => (session ? undefined : new Response(null, { status: 401 }))),
    ).toEqualTypeOf<NextProxyFunction>();
  });
});
