import { describe, expect, it } from 'vitest';
import { createSealer } from '../../src/server/index';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

describe('createSealer', () => {
  it('opens what it sealed, bound to its context, and honours expiry', async () => {
    let now = 1_000;
    const sealer = createSealer([SECRET], { now: () => now });
    const sealed = await sealer.seal('session', { a: 1 }, 2_000);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]+$/);
    expect(await sealer.open('session', sealed)).toEqual({ a: 1 });
    expect(await sealer.open('transaction', sealed)).toBeNull();
    now = 2_000;
    expect(await sealer.open('session', sealed)).toBeNull();
  });

  it('without expiry the payload never expires; another domain (or version) cannot open it', async () => {
    const records = createSealer([SECRET], { domain: 'records', version: 'e1' });
    const sealed = await records.seal('id-1', 'text');
    expect(sealed.startsWith('e1.')).toBe(true);
    expect(await records.open('id-1', sealed)).toBe('text');
    expect(await records.open('id-2', sealed)).toBeNull();
    const cookies = createSealer([SECRET], { version: 'e1' });
    expect(await cookies.open('id-1', sealed)).toBeNull();
  });

  it('rotates: the first secret seals, every secret opens', async () => {
    const old = createSealer([SECRET]);
    const rotated = createSealer(['a-brand-new-secret-that-is-long-enough-99', SECRET]);
    const sealedOld = await old.seal('x', 42);
    const sealedNew = await rotated.seal('x', 43);
    expect(await rotated.open('x', sealedOld)).toBe(42);
    expect(await old.open('x', sealedNew)).toBeNull();
  });
});
