import { budgets } from '../../size-limit.shared.ts';

// Budget in bytes, min+gzip (see size-limit.shared.ts).
export default budgets([
  {
    // Under 1850 B, every export included: the store (~1.64 kB) and, since issue 15, the helpers the
    // bindings share (signInUrl, the scope checks with the scope table); an app that does not import
    // them does not ship them.
    name: '@livepush/auth-core/client',
    path: 'src/client/index.ts',
    budget: 1849,
  },
]);
