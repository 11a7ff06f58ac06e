import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { MockStats } from '@livepush/mock-server';
import { type Started, startProcess } from '@livepush/test-support';

const require = createRequire(import.meta.url);

/** The mock Livepush, run from its published bin (the built package), on a free port. */
export interface MockBin extends Started {
  url: string;
  endpoints: Record<string, string>;
  stats(): Promise<MockStats>;
  /**
   * The token requests it logged, e.g. `GET /oauth2/access_token → 200` (the log never holds the
   * query), once the log has caught up with its counter (a line is written after the answer).
   */
  tokenRequests(): Promise<string[]>;
}

export async function startMockBin(): Promise<MockBin> {
  const root = dirname(require.resolve('@livepush/mock-server/package.json'));
  const manifest = require('@livepush/mock-server/package.json') as { bin: Record<string, string> };
  const bin = join(root, manifest.bin['livepush-mock-server']!);
  const started = await startProcess(process.execPath, [bin, '--port', '0', '--consent', 'approve'], {
    cwd: root,
    env: { PATH: process.env.PATH },
    ready: /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*?endpoints: (\{[\s\S]*?\n\})/,
  });
  const url = started.match[1]!;
  const endpoints = JSON.parse(started.match[2]!) as Record<string, string>;
  const tokenPath = new URL(endpoints.token!).pathname;
  const stats = async () => (await (await fetch(`${url}/__mock/stats`)).json()) as MockStats;
  const logged = () =>
    (started.output().match(/^[A-Z]+ \/\S* → \d+/gm) ?? []).filter(
      (line) => line.split(' ')[1] === tokenPath,
    );
  return {
    ...started,
    url,
    endpoints,
    stats,
    async tokenRequests() {
      const { tokenRequests } = await stats();
      for (let wait = 0; logged().length < tokenRequests && wait < 200; wait++)
        await new Promise((resolve) => setTimeout(resolve, 10));
      return logged();
    },
  };
}
