// packages/core/README.md, "Scopes": compiled by `pnpm typecheck`, found here by tooling/test-support/test/readme.test.ts.
// biome-ignore assist/source/organizeImports: the README's order, verbatim
import { parseScopes, formatScopes, hasScopes, missingScopes, describeScope } from '@livepush/auth-core';
parseScopes('streams.read, profile.read'); // ['profile.read', 'streams.read'] — space or comma separated
hasScopes(['streams.write'], ['streams.read']); // false: no scope implies another

formatScopes(['streams.read', 'profile.read']);
missingScopes(['profile.read'], ['streams.read']);
describeScope('streams.read');
