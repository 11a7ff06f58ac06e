// Refreshes a due session before any page renders, and guards /streams (see demoOptions' `protect`).
export { proxy } from './lib/livepush';

export const config = {
  // Everything but the auth routes (they refresh on their own), Next.js' static files and /elsewhere
  // (a page left outside on purpose: see app/elsewhere/page.tsx).
  matcher: ['/((?!auth/|elsewhere|_next/static|_next/image|favicon.ico).*)'],
};
