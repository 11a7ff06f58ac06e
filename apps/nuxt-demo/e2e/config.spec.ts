// The module validates its options when the server starts: Nuxt's own Node output refuses to run with a
// broken environment and lists every problem, in the core's invalid_config words.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const SERVER = fileURLToPath(new URL('../.output/server/index.mjs', import.meta.url));

test('a server started with a broken NUXT_LIVEPUSH_* environment exits, listing every problem', async () => {
  const env = {
    PATH: process.env.PATH ?? '',
    PORT: '0',
    HOST: '127.0.0.1',
    NUXT_LIVEPUSH_CLIENT_ID: 'livepush-demo-client',
    NUXT_LIVEPUSH_SECRET: 'too short',
    NUXT_LIVEPUSH_REDIRECT_URI: 'http://example.com/auth/callback',
  };
  const server = spawn(process.execPath, [SERVER], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  server.stdout.on('data', (chunk) => (output += chunk));
  server.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      server.kill();
      resolve(null);
    }, 10_000);
    server.once('exit', (exit) => {
      clearTimeout(timer);
      resolve(exit);
    });
  });
  expect(code, `the server kept running:\n${output}`).not.toBe(0);
  expect(code).not.toBeNull();
  expect(output).not.toContain('Listening on');
  expect(output).toMatch(/invalid_config/);
  const problems = output.split('\n').filter((line) => /^- /.test(line));
  expect(problems).toEqual([
    expect.stringMatching(/^- clientSecret must be a non-empty string/),
    expect.stringMatching(/^- redirectUri must use https/),
    expect.stringMatching(/^- secret must be .* at least 32 characters/),
  ]);
  expect(output).toMatch(/NUXT_LIVEPUSH_CLIENT_SECRET/);
});
