// proxy.ts (Next.js 16; middleware.ts with `export { proxy as middleware }` on Next.js 15)
export { proxy } from './lib/livepush';

export const config = {
  // Every page; not the auth routes (they refresh on their own) nor Next.js' static files.
  matcher: ['/((?!auth/|_next/static|_next/image|favicon.ico).*)'],
};
