// proxy.ts with your own logic: it runs after the session was refreshed and sees it.
import { NextResponse } from 'next/server';
import { proxy as livepush } from './lib/livepush';

export const proxy = livepush(async (request, { session, next }) => {
  if (request.nextUrl.pathname.startsWith('/admin') && !session?.scopes.includes('streams.create'))
    return NextResponse.redirect(new URL('/', request.url)); // gets the refreshed cookie too
  const headers = new Headers(request.headers);
  headers.set('x-signed-in', session ? '1' : '0');
  return next({ request: { headers } }); // the page still gets the refreshed session
});
