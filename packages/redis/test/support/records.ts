import type { SessionRecord } from '@livepush/auth-core/server';

/** A session record as the core writes it; `n` tells versions apart. */
export function record(n = 0, refreshToken = `refresh-${n}`): SessionRecord {
  return {
    v: 1,
    tokens: {
      accessToken: `access-${n}`,
      refreshToken,
      tokenType: 'access_token',
      expiresAt: 1_900_000_000_000 + n,
      scopes: ['profile.read', 'streams.read'],
    },
    user: null,
    createdAt: 1_800_000_000_000,
    updatedAt: 1_800_000_000_000 + n,
  };
}

/** A session record of Livepush user `userId` (`userId` and the profile's id), as the core writes at sign-in. */
export function userRecord(userId: string, n = 0): SessionRecord {
  return {
    ...record(n),
    userId,
    user: { id: userId, name: `User ${userId}` },
  } as SessionRecord;
}

let counter = 0;
/** A fresh id per test, as long as the core's (43 base64url characters). */
export const newId = () => `test-${process.pid}-${++counter}-${'x'.repeat(24)}`;

/** The encryption of records at rest in tests (the store requires one, or `false`). */
export const ENCRYPT = { secret: 'records-at-rest-secret-for-tests-0123456789' } as const;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
