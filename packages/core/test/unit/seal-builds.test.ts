import { Buffer } from 'node:buffer';
import { createCipheriv, hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sealCrypto as resolved } from '#seal-crypto';
import { isLivepushAuthError } from '../../src/errors';
import { createLivepushAuth, createSealer, sealerSecretProblem } from '../../src/server/index';
import { createSealerWith } from '../../src/server/seal';
import { sealCrypto as web } from '../../src/server/seal-crypto';
import { sealCrypto as node } from '../../src/server/seal-crypto.node';
import type { SealCrypto } from '../../src/server/seal-crypto.types';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
/** What UTF-8 keeps of a string (a lone surrogate becomes U+FFFD, in both builds). */
const wellFormed = (text: string) => new TextDecoder().decode(new TextEncoder().encode(text));
const builds = [
  ['Web Crypto', web],
  ['node:crypto', node],
] as const satisfies readonly (readonly [string, SealCrypto])[];

/**
 * Made once with plain `node:crypto` calls, not with this code: HKDF-SHA-256(secret, salt "livepush-auth",
 * info "livepush-auth seal v1" / "livepush-auth key id v1"), AES-256-GCM, IV 00 01 … 0b, AAD "session".
 */
const VECTOR = {
  secret: 'fixed-vector-secret-0123456789-abcdefghij',
  iv: Uint8Array.from({ length: 12 }, (_, i) => i),
  plaintext: '{"e":4102444800000,"p":{"user":"Zoë","scopes":["profile.read"]}}',
  sealed:
    'v1.zCJ2e_Zy.AAECAwQFBgcICQoLj1gEvuaePcXjhMCzYb3zPaAcsNe0UKN7qasACghwBuIyGvDp89d4RF1qEwtN80JddrmfA7igywjOpTHDeK69nM2zzEXeCIvEucRxVgKPXVi4',
};

describe('the two sealer builds', () => {
  it('Node (this test run) gets the node:crypto build through the `node` condition', () => {
    expect(resolved.name).toBe('node-crypto');
    expect(resolved).toBe(node);
  });

  it.each(builds)('%s reproduces the fixed vector byte for byte and opens it', async (_, build) => {
    const key = await build.deriveKey(VECTOR.secret, 'livepush-auth');
    const body = await key.seal(VECTOR.iv, VECTOR.plaintext, 'session');
    expect(`v1.${key.id}.${body}`).toBe(VECTOR.sealed);
    const sealer = createSealerWith(build, VECTOR.secret);
    expect(await sealer.open('session', VECTOR.sealed)).toEqual({ user: 'Zoë', scopes: ['profile.read'] });
    expect(await sealer.open('transaction', VECTOR.sealed)).toBeNull();
  });

  it('both refuse an authentic plaintext that is not UTF-8', async () => {
    // Sealed with plain node:crypto under the vector's key: only a holder of the secret could do this.
    const key = hkdfSync('sha256', VECTOR.secret, 'livepush-auth', 'livepush-auth seal v1', 32);
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(key), VECTOR.iv);
    cipher.setAAD(Buffer.from('session'));
    const sealed = Buffer.concat([
      VECTOR.iv,
      cipher.update(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    const body = sealed.toString('base64url');
    for (const [, build] of builds) {
      const derived = await build.deriveKey(VECTOR.secret, 'livepush-auth');
      expect(await derived.open(body, 'session')).toBeNull();
      expect(await derived.open(VECTOR.sealed.split('.')[2]!, 'session')).toBe(VECTOR.plaintext);
    }
  });

  it('derive the same key id and seal the same bytes for the same IV, for any secret and input', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 32, maxLength: 80 }),
        fc.string({ maxLength: 40 }),
        fc.uint8Array({ minLength: 12, maxLength: 12 }),
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.string({ maxLength: 40 }),
        async (secret, domain, iv, plaintext, context) => {
          const [a, b] = await Promise.all([web.deriveKey(secret, domain), node.deriveKey(secret, domain)]);
          expect(b.id).toBe(a.id);
          const body = await a.seal(iv, plaintext, context);
          expect(await b.seal(iv, plaintext, context)).toBe(body);
          expect(await b.open(body, context)).toBe(wellFormed(plaintext));
          expect(await a.open(body, context)).toBe(wellFormed(plaintext));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('open what the other sealed: payloads, expiry, contexts, domains and rotation', async () => {
    let now = 1_000;
    const clock = { now: () => now };
    for (const [from, to] of [
      [web, node],
      [node, web],
    ] as const) {
      const sealer = createSealerWith(from, SECRET, clock);
      const opener = createSealerWith(to, [SECRET], clock);
      const payload = { r: { user: { name: 'Zoë 🎥' }, scopes: ['profile.read'] }, n: 1.5, z: null };
      now = 1_000;
      const sealed = await sealer.seal('session', payload, 2_000);
      expect(await opener.open('session', sealed)).toEqual(payload);
      expect(await opener.open('transaction', sealed)).toBeNull();
      now = 2_000;
      expect(await opener.open('session', sealed)).toBeNull();

      const records = await createSealerWith(from, SECRET, { domain: 'records', version: 'e1' }).seal(
        'id',
        'x',
      );
      expect(
        await createSealerWith(to, SECRET, { domain: 'records', version: 'e1' }).open('id', records),
      ).toBe('x');
      expect(await createSealerWith(to, SECRET, { version: 'e1' }).open('id', records)).toBeNull();

      const rotated = createSealerWith(to, ['a-brand-new-secret-that-is-long-enough-99', SECRET]);
      expect(await rotated.open('x', await createSealerWith(from, SECRET).seal('x', 42))).toBe(42);
    }
  });

  it('refuse every other string in place of a sealed body, alike (canonical base64url only)', async () => {
    const keys = await Promise.all(builds.map(([, build]) => build.deriveKey(SECRET, 'livepush-auth')));
    // 12 + 31 + 16 = 59 bytes (and 61): the body ends in a partial group, so its last character has unused bits.
    for (const size of [31, 32, 33]) {
      const text = 'é'.repeat(Math.floor(size / 2)) + 'x'.repeat(size % 2); // `size` bytes of UTF-8
      const body = await keys[0]!.seal(new Uint8Array(12), text, 'c');
      for (const key of keys) expect(await key.open(body, 'c')).toBe(text);
      const variants = [
        `${body}=`,
        `${body}==`,
        ` ${body}`,
        `${body.slice(0, 10)}\n${body.slice(10)}`,
        `${body.slice(0, 10)}$${body.slice(10)}`,
        body.replaceAll('-', '+').replaceAll('_', '/'),
        body.slice(0, -1),
        `${body}A`,
        '',
        'A'.repeat(body.length),
      ];
      const last = body.at(-1)!;
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      // Same bytes in a lenient decoder: only the unused low bits of the last character differ.
      if (size !== 32) variants.push(`${body.slice(0, -1)}${alphabet[alphabet.indexOf(last) ^ 1]}`);
      for (const variant of variants) {
        for (const key of keys) expect(await key.open(variant, 'c'), JSON.stringify(variant)).toBeNull();
      }
    }
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom(...'AQgw-_+/= \n$é'.split('')), maxLength: 6 }),
        fc.nat(),
        fc.nat(3),
        async (insert, at, cut) => {
          const body = await keys[1]!.seal(new Uint8Array(12), 'twenty bytes of text', 'c');
          const i = at % body.length;
          const variant = body.slice(0, i) + insert + body.slice(i + cut);
          const opened = await Promise.all(keys.map((key) => key.open(variant, 'c')));
          expect(opened[1]).toBe(opened[0]);
          if (variant !== body) expect(opened[0]).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the sealer secret', () => {
  it('is one or more strings of at least 32 characters, or createSealer says how to make one', () => {
    for (const bad of ['short', '', [], ['x'.repeat(32), 'short'], [42], undefined, { secret: 'x' }]) {
      const problem = sealerSecretProblem(bad, 'encrypt.secret');
      expect(problem).toMatch(/^encrypt\.secret must be a string .* at least 32 characters/);
      expect(problem).toContain('openssl rand -base64 32');
      let thrown: unknown;
      try {
        createSealer(bad as string);
      } catch (error) {
        thrown = error;
      }
      expect(isLivepushAuthError(thrown) && thrown.code).toBe('invalid_config');
      expect((thrown as Error).message).toBe(`createSealer(): ${sealerSecretProblem(bad)}`);
    }
    expect(sealerSecretProblem('x'.repeat(32))).toBeNull();
    expect(sealerSecretProblem(['x'.repeat(32), 'y'.repeat(44)])).toBeNull();
    expect(() => createSealer(['x'.repeat(32)])).not.toThrow();
  });

  it('createLivepushAuth lists the same problem line among its others', () => {
    const options = {
      clientId: 'app',
      clientSecret: 'client-secret',
      redirectUri: 'http://127.0.0.1:3000/auth/callback',
      secret: ['x'.repeat(32), 'too-short'],
      basePath: 'no slash',
    };
    expect(() => createLivepushAuth(options)).toThrow(
      expect.objectContaining({
        code: 'invalid_config',
        message: expect.stringContaining(`\n- ${sealerSecretProblem(options.secret)}\n`),
      }),
    );
    expect(() => createLivepushAuth(options)).toThrow(/basePath must be/);
  });
});
