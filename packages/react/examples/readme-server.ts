// packages/react/README.md, "1. The server": compiled by `pnpm typecheck` (tooling/test-support/test/readme.test.ts finds it).
import { createLivepushAuth } from '@livepush/auth-core/server';

declare const clientId: string, clientSecret: string, redirectUri: string, secret: string;
declare const app: { all(path: string, handler: (c: { req: { raw: Request } }) => Promise<Response>): void };

const auth = createLivepushAuth({ clientId, clientSecret, redirectUri, secret, scopes: ['profile.read'] });
app.all('/auth/*', (c) => auth.handler(c.req.raw)); // Hono
