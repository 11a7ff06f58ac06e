import { budgets } from '../../size-limit.shared.ts';

// Budget in bytes, min+gzip (see size-limit.shared.ts).
export default budgets([
  {
    // 2,014 B, every export included: the store (~1.8 kB) and, since issue 15, the helpers the bindings
    // share (signInUrl, the scope checks with the scope table); an app that does not import them does
    // not ship them. Issue 16 taught the store to refresh once ahead of expiry, holding fetch() calls
    // meanwhile, with a Web Lock across tabs (+190 B over 1,824). Issue 22 gave each error code the store
    // can show its own text (2,014 → 2,294 B); the development-only "is the auth handler mounted?" hint
    // (+361 B) is dropped from production builds (process.env.NODE_ENV), as measured here.
    name: '@livepush/auth-core/client',
    path: 'src/client/index.ts',
    budget: 2320,
  },
]);
