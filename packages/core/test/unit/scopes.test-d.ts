import { describe, expectTypeOf, it } from 'vitest';
import { hasScopes, type LIVEPUSH_SCOPES, type LivepushScope, type TokenSet } from '../../src/index';

describe('scope types', () => {
  it('LivepushScope is the union of the 16 literals', () => {
    expectTypeOf<LivepushScope>().toEqualTypeOf<(typeof LIVEPUSH_SCOPES)[number]>();
    expectTypeOf<'streams.read'>().toExtend<LivepushScope>();
    expectTypeOf<'stream.read'>().not.toExtend<LivepushScope>();
  });

  it('a typo in a scope is a compile error', () => {
    // @ts-expect-error 'stream.read' is not a Livepush scope
    const typo: LivepushScope = 'stream.read';
    // @ts-expect-error 'streams.reed' is not a Livepush scope
    hasScopes(['profile.read'], ['streams.reed']);
    expectTypeOf(typo).toEqualTypeOf<LivepushScope>();
  });

  it('TokenSet carries typed scopes and an optional refresh token', () => {
    expectTypeOf<TokenSet['scopes']>().toEqualTypeOf<LivepushScope[]>();
    expectTypeOf<TokenSet['refreshToken']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<TokenSet['expiresAt']>().toBeNumber();
  });
});
