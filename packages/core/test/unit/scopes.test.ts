import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeScope,
  formatScopes,
  hasScopes,
  LIVEPUSH_SCOPES,
  LivepushAuthError,
  type LivepushScope,
  missingScopes,
  parseScopes,
  SCOPES_BY_API,
} from '../../src/index';
import { scopeApi, unionScopes } from '../../src/scopes';

describe('scope table', () => {
  it('holds the 16 documented scopes, 7 accounts then 9 streams', () => {
    expect(LIVEPUSH_SCOPES).toHaveLength(16);
    expect(SCOPES_BY_API.accounts).toHaveLength(7);
    expect(SCOPES_BY_API.streams).toHaveLength(9);
    expect(new Set(LIVEPUSH_SCOPES).size).toBe(16);
    expect(scopeApi('teams.write')).toBe('accounts');
    expect(scopeApi('regions.read')).toBe('streams');
  });

  it('describes every scope for people', () => {
    for (const scope of LIVEPUSH_SCOPES) expect(describeScope(scope)).toMatch(/^[A-Z].{8,}/);
    expect(() => describeScope('nope' as LivepushScope)).toThrow(LivepushAuthError);
  });
});

describe('parseScopes', () => {
  it('accepts space, comma and mixed separators, trims, dedupes and sorts canonically', () => {
    expect(parseScopes('streams.read profile.read')).toEqual(['profile.read', 'streams.read']);
    expect(parseScopes('streams.read,profile.read')).toEqual(['profile.read', 'streams.read']);
    expect(parseScopes('  streams.read , profile.read  streams.read ')).toEqual([
      'profile.read',
      'streams.read',
    ]);
    expect(parseScopes(['streams.create', ' streams.read '])).toEqual(['streams.read', 'streams.create']);
    expect(parseScopes('')).toEqual([]);
    expect(parseScopes([])).toEqual([]);
  });

  it('rejects unknown and empty entries with invalid_scope naming the value', () => {
    const unknown = (() => {
      try {
        parseScopes('profile.read stream.read');
      } catch (error) {
        return error;
      }
    })() as LivepushAuthError;
    expect(unknown).toBeInstanceOf(LivepushAuthError);
    expect(unknown.code).toBe('invalid_scope');
    expect(unknown.message).toContain('"stream.read"');
    expect(() => parseScopes(['profile.read', ''])).toThrow(/Empty scope/);
    expect(() => parseScopes(42 as unknown as string)).toThrow(LivepushAuthError);
    expect(() => parseScopes([7 as unknown as string])).toThrow(LivepushAuthError);
  });
});

describe('formatScopes / hasScopes / missingScopes', () => {
  it('formats canonically with a configurable separator', () => {
    expect(formatScopes(['streams.read', 'profile.read', 'streams.read'])).toBe('profile.read streams.read');
    expect(formatScopes('streams.read profile.read', { separator: ',' })).toBe('profile.read,streams.read');
  });

  it('implies nothing: write does not grant read', () => {
    expect(hasScopes(['streams.write'], ['streams.read'])).toBe(false);
    expect(hasScopes(['streams.read', 'streams.write'], ['streams.write', 'streams.read'])).toBe(true);
    expect(hasScopes([], [])).toBe(true);
    expect(missingScopes(['profile.read'], ['streams.create', 'profile.read', 'regions.read'])).toEqual([
      'regions.read',
      'streams.create',
    ]);
    expect(unionScopes(['streams.read'], ['profile.read', 'streams.read'])).toEqual([
      'profile.read',
      'streams.read',
    ]);
  });
});

describe('properties', () => {
  const scopeList = fc.array(fc.constantFrom(...LIVEPUSH_SCOPES), { maxLength: 30 });

  it('format → parse round-trips with either separator', () => {
    fc.assert(
      fc.property(scopeList, fc.constantFrom(' ', ','), (scopes, separator) => {
        const parsed = parseScopes(formatScopes(scopes, { separator }));
        expect(parsed).toEqual(parseScopes(scopes));
        expect(new Set(parsed)).toEqual(new Set(scopes));
      }),
      { numRuns: 2000 },
    );
  });

  it('parsing is idempotent and order-independent', () => {
    fc.assert(
      fc.property(scopeList, (scopes) => {
        const once = parseScopes(scopes);
        expect(parseScopes(once)).toEqual(once);
        expect(parseScopes([...scopes].reverse())).toEqual(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('any string either parses into known scopes or throws invalid_scope, nothing else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        try {
          for (const scope of parseScopes(text)) expect(LIVEPUSH_SCOPES).toContain(scope);
        } catch (error) {
          expect(error).toBeInstanceOf(LivepushAuthError);
          expect((error as LivepushAuthError).code).toBe('invalid_scope');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('missingScopes(granted, required) is empty exactly when hasScopes', () => {
    fc.assert(
      fc.property(scopeList, scopeList, (granted, required) => {
        const missing = missingScopes(granted, required);
        expect(missing.length === 0).toBe(hasScopes(granted, required));
        for (const scope of missing) expect(granted).not.toContain(scope);
        expect(hasScopes(unionScopes(granted, missing), required)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
