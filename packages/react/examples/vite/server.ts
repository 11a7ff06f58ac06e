import { toNodeHandler } from '@livepush/auth-core/node';
import { createLivepushAuth } from '@livepush/auth-core/server';
import { mockEndpoints } from '@livepush/mock-server/endpoints';
import express from 'express';

// ORIGIN: where the browser opens the app — Vite's http://localhost:5173 in development, this server's
// own origin (https://app.example.com) in production. redirectUri must name it.
const {
  PORT = '3000',
  HOST = 'localhost',
  ORIGIN = 'http://localhost:5173',
  LIVEPUSH_MOCK_URL,
} = process.env;

const auth = createLivepushAuth({
  clientId: process.env.LIVEPUSH_CLIENT_ID ?? '',
  clientSecret: process.env.LIVEPUSH_CLIENT_SECRET ?? '',
  redirectUri: `${ORIGIN}/auth/callback`,
  secret: process.env.SESSION_SECRET ?? '', // ≥ 32 characters
  scopes: ['profile.read', 'streams.read'],
  endpoints: LIVEPUSH_MOCK_URL ? mockEndpoints(LIVEPUSH_MOCK_URL) : undefined, // the mock, in development
});

const app = express();
app.use('/auth', toNodeHandler(auth));
app.use(express.static('dist')); // production: the app `vite build` wrote, from the same origin

app.listen(Number(PORT), HOST, () => console.log(`Listening on ${HOST}:${PORT}; open ${ORIGIN}`));
