// `@livepush/mock-server/endpoints`: the endpoints of a mock that runs elsewhere, from a module an app can
// import in its own server code without loading the mock (no hono, no node:http).
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT as FROM_ENDPOINTS, mockEndpoints } from '../src/endpoints';
import { DEFAULT_CLIENT, startMockLivepush } from '../src/index';

describe('mockEndpoints(url)', () => {
  it("gives what a running mock's `endpoints` are, from its URL (with or without a trailing slash)", async () => {
    const mock = await startMockLivepush();
    try {
      expect(mockEndpoints(mock.url)).toEqual(mock.endpoints);
      expect(mockEndpoints(`${mock.url}/`)).toEqual(mock.endpoints);
      const answer = await fetch(mockEndpoints(mock.url).authorize, { redirect: 'manual' });
      expect(answer.status).toBe(400); // the mock's own authorize route, refusing an empty request
    } finally {
      await mock.close();
    }
    expect(FROM_ENDPOINTS).toBe(DEFAULT_CLIENT);
  });

  it.each([['127.0.0.1:4010'], [''], ['undefined'], ['ftp://127.0.0.1:4010']])(
    'refuses %j with the URL to give it',
    (url) => {
      expect(() => mockEndpoints(url)).toThrow(
        `mockEndpoints(url) takes the mock's URL, as the bin prints it (e.g. "http://127.0.0.1:4010"); got ${JSON.stringify(url)}.`,
      );
    },
  );

  it('its module loads nothing of the mock server', async () => {
    const { metafile } = await build({
      entryPoints: ['src/endpoints.ts'],
      absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'neutral',
      logLevel: 'silent',
    });
    expect(Object.keys(metafile.inputs).sort()).toEqual(['src/clients.ts', 'src/endpoints.ts']);
  });
});
