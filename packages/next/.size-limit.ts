import { budgets } from '../../size-limit.shared.ts';

// Budget in bytes, min+gzip (see size-limit.shared.ts).
export default budgets([
  {
    // A Next.js app's client auth code: the React bindings (2112 B) plus the provider that follows the server's session.
    name: "a Next.js app's client auth code: provider + hook + core store",
    path: 'src/client.tsx',
    import: '{ LivepushAuthProvider, useLivepushAuth }',
    ignore: ['react', 'react-dom', 'next'],
    budget: 2300,
  },
]);
