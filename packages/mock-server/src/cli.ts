import { parseArgs } from 'node:util';
import { DEFAULT_CLIENT } from './clients';
import type { MockConsentMode, MockLivepush, MockLivepushOptions } from './types';

/** The bin's usage text. */
export const USAGE = `Usage: livepush-mock-server [options]

A local Livepush (OAuth 2.0 server + a slice of the REST API) for demos and tests.

Options:
  --port <n>        port to listen on, 0 for any free port (default 4010)
  --host <host>     interface to listen on (default 127.0.0.1)
  --consent <mode>  prompt (show the consent page), approve or deny (answer at once); default prompt
  --ttl <seconds>   access token lifetime (default 3600)
  --no-rotate       keep the same refresh token on refresh (default: rotate)
  --reuse <mode>    a replayed (rotated-out) refresh token: reject, or revoke-grant (revokes
                    every token of its grant, RFC 9700 §4.14.2); default reject
  -h, --help        show this help
`;

/** What the command line asks for. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'run'; options: MockLivepushOptions }
  | { kind: 'error'; message: string };

function integer(raw: string, name: string, min: number, max: number): number | string {
  if (!/^\d+$/.test(raw)) return `${name} must be an integer, got "${raw}"`;
  const value = Number(raw);
  if (value < min || value > max) return `${name} must be between ${min} and ${max}, got ${value}`;
  return value;
}

/** Parses the bin's arguments (without `node` and the script path). Never throws. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  let values: {
    port?: string;
    host?: string;
    consent?: string;
    ttl?: string;
    'no-rotate'?: boolean;
    reuse?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        consent: { type: 'string' },
        ttl: { type: 'string' },
        'no-rotate': { type: 'boolean' },
        reuse: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { kind: 'help' };
  const port = integer(values.port ?? '4010', '--port', 0, 65535);
  if (typeof port === 'string') return { kind: 'error', message: port };
  const options: MockLivepushOptions = { port, host: values.host ?? '127.0.0.1' };
  if (values.host === '') return { kind: 'error', message: '--host must not be empty' };
  if (values.consent !== undefined) {
    if (!['prompt', 'approve', 'deny'].includes(values.consent)) {
      return { kind: 'error', message: `--consent must be prompt, approve or deny, got "${values.consent}"` };
    }
    options.consent = values.consent as MockConsentMode;
  }
  if (values.ttl !== undefined) {
    const ttl = integer(values.ttl, '--ttl', 1, 31_536_000);
    if (typeof ttl === 'string') return { kind: 'error', message: ttl };
    options.accessTokenTtlSeconds = ttl;
  }
  if (values['no-rotate']) options.rotateRefreshTokens = false;
  if (values.reuse !== undefined) {
    if (values.reuse !== 'reject' && values.reuse !== 'revoke-grant')
      return { kind: 'error', message: `--reuse must be reject or revoke-grant, got "${values.reuse}"` };
    options.refreshTokenReuse = values.reuse;
  }
  return { kind: 'run', options };
}

/** The banner the bin prints once it listens. */
export function banner(mock: MockLivepush, options: MockLivepushOptions): string {
  return `Livepush mock server listening on ${mock.url}

endpoints: ${JSON.stringify(mock.endpoints, null, 2)}

default client (accepts any loopback redirect URI, any port):
  clientId:     ${DEFAULT_CLIENT.clientId}
  clientSecret: ${DEFAULT_CLIENT.clientSecret}

Point your app at it — in its .env:
  LIVEPUSH_MOCK_URL=${mock.url}
  LIVEPUSH_CLIENT_ID=${DEFAULT_CLIENT.clientId}
  LIVEPUSH_CLIENT_SECRET=${DEFAULT_CLIENT.clientSecret}
and in its options:
  endpoints: process.env.LIVEPUSH_MOCK_URL ? mockEndpoints(process.env.LIVEPUSH_MOCK_URL) : undefined
  (import { mockEndpoints } from '@livepush/mock-server/endpoints')

consent: ${options.consent ?? 'prompt'} · access token ttl: ${options.accessTokenTtlSeconds ?? 3600} s · refresh tokens ${
    options.rotateRefreshTokens === false ? 'kept' : 'rotated'
  }${options.refreshTokenReuse === 'revoke-grant' ? ' (a replay revokes the grant)' : ''}
Press Ctrl+C to stop.
`;
}
