import { randomBytes } from 'node:crypto';
import type { MockScope } from '../scopes';

/** A validated authorization request waiting for the user's decision on the consent page. */
export interface PendingAuthorization {
  id: string;
  clientId: string;
  redirectUri: string;
  scopes: readonly MockScope[];
  state: string | undefined;
  codeChallenge: string | undefined;
  expiresAt: number;
}

/** How long a consent page stays usable. */
const PENDING_TTL_MS = 10 * 60 * 1000;

/** Consent requests, each decided at most once. */
export class PendingStore {
  #pending = new Map<string, PendingAuthorization>();

  /** Stores a request and returns it with its single-use id. */
  create(input: Omit<PendingAuthorization, 'id' | 'expiresAt'>, now: number): PendingAuthorization {
    const pending: PendingAuthorization = {
      ...input,
      id: randomBytes(18).toString('base64url'),
      expiresAt: now + PENDING_TTL_MS,
    };
    this.#pending.set(pending.id, pending);
    return pending;
  }

  /** Removes and returns the request `id`, unless unknown, already decided or expired. */
  take(id: string, now: number): PendingAuthorization | undefined {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    if (pending === undefined || now >= pending.expiresAt) return undefined;
    return pending;
  }

  /** Forgets every pending request. */
  clear(): void {
    this.#pending = new Map();
  }
}
