// The README's Configuration table (and the package README's Options table) list exactly the options
// `createLivepushAuth` takes: adding an option without documenting it, or documenting one that is
// gone, fails here (and the typed list below fails to compile when the options change).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LivepushAuthOptions } from '../../src/server/index';

const OPTIONS = {
  clientId: true,
  clientSecret: true,
  redirectUri: true,
  secret: true,
  scopes: true,
  basePath: true,
  allowedScopes: true,
  endpoints: true,
  tokenRequestMethod: true,
  tokenEndpointAuthMethod: true,
  scopeSeparator: true,
  pkce: true,
  timeoutMs: true,
  leewaySeconds: true,
  defaultExpiresInSeconds: true,
  session: true,
  cookies: true,
  store: true,
  afterLogoutPath: true,
  trustedOrigins: true,
  fetchUser: true,
  onSignIn: true,
  onSession: true,
  onError: true,
  logger: true,
  debug: true,
  fetch: true,
  now: true,
} satisfies { [K in keyof Required<LivepushAuthOptions>]: true };

/** The option names in the first column of the table under `heading` (`a.b` counts as `a`). */
function documented(file: string, heading: string): string[] {
  const text = readFileSync(new URL(file, import.meta.url), 'utf8');
  const section = text.slice(text.indexOf(heading));
  const table = section.slice(section.indexOf('\n|'), section.indexOf('\n\n', section.indexOf('\n|')));
  const names = table
    .split('\n')
    .map((row) => row.split('|')[1] ?? '')
    .flatMap((cell) => [...cell.matchAll(/`([A-Za-z]+)(?:\.[A-Za-z]+)?`/g)].map((m) => m[1]!));
  return [...new Set(names)].sort();
}

describe('the documented options are exactly the options', () => {
  it.each([
    ['../../../../README.md', '## Configuration'],
    ['../../README.md', '### Options'],
  ])('%s %s', (file, heading) => {
    expect(documented(file, heading)).toEqual(Object.keys(OPTIONS).sort());
  });
});
