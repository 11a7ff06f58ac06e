// Deno: the app behind Deno.serve, on a free loopback port.
import { createApp } from './app.mjs';

Deno.serve(
  {
    hostname: '127.0.0.1',
    port: 0,
    onListen: ({ port }) => console.log(`listening http://127.0.0.1:${port}`),
  },
  createApp(`deno ${Deno.version.deno}`, Deno.env.toObject()),
);
