import { budgets } from '../../size-limit.shared.ts';

// Budget in bytes, min+gzip (see size-limit.shared.ts).
export default budgets([
  {
    // 2,014 B, every export included: the store (~1.8 kB) and, since issue 15, the helpers the bindings
    // share (signInUrl, the scope checks with the scope table); an app that does not import them does
    // not ship them. Issue 16 taught the store to refresh once ahead of expiry, holding fetch() calls
    // meanwhile, with a Web Lock across tabs (+190 B over 1,824). Issue 18: +111 B (size-limit's figure 1,986 → 2,097):
    // the session's `data` in the snapshot, `refresh({ profile })` and `signOut({ everywhere })` as JSON
    // POSTs, the server's error code kept when a sign-out fails, and the `sign_in_refused` text.
    name: '@livepush/auth-core/client',
    path: 'src/client/index.ts',
    budget: 2130,
  },
]);
