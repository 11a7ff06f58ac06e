import type { LivepushAuthOptions, SessionStore } from '../../src/server/index';
import { createMemoryStore } from '../../src/server/index';

/** The two places a session lives: sealed in the cookie, or in a store (the cookie holds an id). */
export const MODES = [
  ['cookie mode', () => ({})],
  ['memory-store mode', () => ({ store: createMemoryStore() })],
] as const satisfies readonly (readonly [string, () => Partial<LivepushAuthOptions>])[];

/** A clock tests move by hand (epoch ms). */
export function testClock(start = Date.now()) {
  let at = start;
  return {
    now: () => at,
    advance(seconds: number) {
      at += seconds * 1000;
    },
  };
}

/** `store` with its writes (`set` and `update`) counted. */
export function countingStore(store: SessionStore): SessionStore & { writes: number } {
  const counted = Object.create(store) as SessionStore & { writes: number };
  counted.writes = 0;
  counted.set = (...args) => {
    counted.writes++;
    return store.set(...args);
  };
  counted.update = (...args) => {
    counted.writes++;
    return store.update(...args);
  };
  return counted;
}
