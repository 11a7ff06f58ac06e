import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LivepushAuthError } from '../../src/index';
import { validateCallback } from '../../src/protocol/index';

const base = 'https://app.example/auth/callback';
const state = 'expected-state-value-0123456789';

function errorOf(fn: () => unknown): LivepushAuthError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LivepushAuthError);
    return error as LivepushAuthError;
  }
  throw new Error('expected a throw');
}

describe('validateCallback', () => {
  it('returns the code when state matches', () => {
    expect(validateCallback(`${base}?code=abc&state=${state}`, state)).toEqual({ code: 'abc' });
    expect(validateCallback(new URLSearchParams({ code: 'c', state }), state)).toEqual({ code: 'c' });
  });

  it('maps a denial to access_denied with the description', () => {
    const error = errorOf(() =>
      validateCallback(`${base}?error=access_denied&error_description=User+said+no&state=${state}`, state),
    );
    expect(error.code).toBe('access_denied');
    expect(error.oauthError).toBe('access_denied');
    expect(error.oauthErrorDescription).toBe('User said no');
    expect(error.message).toContain('User said no');
  });

  it('maps other OAuth errors to authorization_error', () => {
    const error = errorOf(() => validateCallback(`${base}?error=invalid_scope&state=${state}`, state));
    expect(error.code).toBe('authorization_error');
    expect(error.oauthError).toBe('invalid_scope');
  });

  it('checks state before trusting an error', () => {
    expect(errorOf(() => validateCallback(`${base}?error=access_denied&state=forged`, state)).code).toBe(
      'invalid_state',
    );
    expect(errorOf(() => validateCallback(`${base}?code=abc`, state)).code).toBe('invalid_state');
    expect(errorOf(() => validateCallback(`${base}?code=abc&state=${state}x`, state)).code).toBe(
      'invalid_state',
    );
    expect(errorOf(() => validateCallback(`${base}?code=abc&state=`, state)).code).toBe('invalid_state');
    expect(errorOf(() => validateCallback(`${base}?code=abc&state=`, '')).code).toBe('invalid_state');
  });

  it('checks iss (RFC 9207) against the configured issuer, when both are there', () => {
    const issuer = 'https://id.example.test';
    const good = `${base}?code=c&state=${state}&iss=${encodeURIComponent(issuer)}`;
    expect(validateCallback(good, state, issuer)).toEqual({ code: 'c' });
    // Without a configured issuer, or without iss (Livepush sends none), nothing is compared.
    expect(validateCallback(good, state)).toEqual({ code: 'c' });
    expect(validateCallback(`${base}?code=c&state=${state}`, state, issuer)).toEqual({ code: 'c' });
    const other = errorOf(() =>
      validateCallback(`${base}?code=c&state=${state}&iss=https%3A%2F%2Fevil.example`, state, issuer),
    );
    expect(other.code).toBe('invalid_callback');
    expect(other.message).toMatch(/issuer/);
    // A mix-up also hides an error that would otherwise be shown: the issuer is checked first.
    const forged = `${base}?error=access_denied&state=${state}&iss=https%3A%2F%2Fevil.example`;
    expect(errorOf(() => validateCallback(forged, state, issuer)).code).toBe('invalid_callback');
    expect(errorOf(() => validateCallback(`${good}&iss=x`, state, issuer)).code).toBe('invalid_callback');
  });

  it('rejects a missing code and duplicated parameters', () => {
    expect(errorOf(() => validateCallback(`${base}?state=${state}`, state)).code).toBe('invalid_callback');
    expect(errorOf(() => validateCallback(`${base}?code=&state=${state}`, state)).code).toBe(
      'invalid_callback',
    );
    expect(errorOf(() => validateCallback(`${base}?code=a&code=b&state=${state}`, state)).code).toBe(
      'invalid_callback',
    );
    expect(errorOf(() => validateCallback(`${base}?code=a&state=${state}&state=${state}`, state)).code).toBe(
      'invalid_callback',
    );
    expect(errorOf(() => validateCallback('::not a url::', state)).code).toBe('invalid_callback');
  });

  it('never throws anything but LivepushAuthError, whatever the query (property)', () => {
    const name = fc.constantFrom('code', 'state', 'error', 'error_description', 'iss', 'x', '');
    const value = fc.oneof(
      fc.string(),
      fc.constant(state),
      fc.string({ unit: 'binary' }),
      fc.constant('access_denied'),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { maxLength: 8 }), fc.boolean(), (pairs, asString) => {
        const params = new URLSearchParams(pairs);
        try {
          const result = validateCallback(asString ? `${base}?${params}` : params, state);
          expect(typeof result.code).toBe('string');
          expect(params.get('state')).toBe(state);
        } catch (error) {
          expect(error).toBeInstanceOf(LivepushAuthError);
        }
      }),
      { numRuns: 5000 },
    );
  });
});
