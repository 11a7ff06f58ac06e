// Node: the app behind node:http (through @hono/node-server), on a free loopback port.
import { serve } from '@hono/node-server';
import { createApp } from './app.mjs';

const fetch = createApp(`node ${process.versions.node}`, process.env);
const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  console.log(`listening http://127.0.0.1:${info.port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
