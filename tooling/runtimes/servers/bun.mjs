// Bun: the app behind Bun.serve, on a free loopback port.
import { createApp } from './app.mjs';

const server = Bun.serve({
  hostname: '127.0.0.1',
  port: 0,
  fetch: createApp(`bun ${Bun.version}`, process.env),
});
console.log(`listening http://127.0.0.1:${server.port}`);
