import { budgets } from '../../size-limit.shared.ts';

// Budget in bytes, min+gzip (see size-limit.shared.ts).
export default budgets([
  {
    // The 2 kB budget of a minimal app's auth code (2112 B since issue 15, as for Vue).
    name: "a minimal app's auth code: provider + hook + core store",
    path: 'src/index.ts',
    import: '{ LivepushAuthProvider, useLivepushAuth }',
    ignore: ['react', 'react-dom'],
    budget: 2112,
  },
]);
