import { type RegisteredClient, registerClients } from './clients';
import { DataStore, defaultUser } from './data';
import { FaultQueue } from './faults';
import { CodeStore } from './oauth/codes';
import { PendingStore } from './oauth/pending';
import { TokenStore } from './tokens';
import type {
  MockConsentMode,
  MockLivepushOptions,
  MockRefreshTokenReuse,
  MockStats,
  MockUser,
} from './types';

/** Fresh, zeroed counters. */
export function zeroStats(): MockStats {
  return {
    authorizeRequests: 0,
    consentDecisions: 0,
    tokenRequests: 0,
    codeGrants: 0,
    refreshGrants: 0,
    tokenErrors: 0,
    refreshTokenReplays: 0,
    apiRequests: 0,
    faultsInjected: 0,
  };
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** Everything one running mock knows; shared by its routes. */
export class MockState {
  /** Set once the server listens. */
  url = '';
  readonly clients: Map<string, RegisteredClient>;
  readonly accessTokenTtlSeconds: number;
  readonly codeTtlSeconds: number;
  readonly rotateRefreshTokens: boolean;
  /** What a rotated-out refresh token presented again does: fail alone, or revoke its whole grant. */
  readonly refreshTokenReuse: MockRefreshTokenReuse;
  /** Whether authorization responses carry `iss` (RFC 9207). */
  readonly sendIssuer: boolean;
  readonly now: () => number;
  readonly tokens: TokenStore;
  readonly codes = new CodeStore();
  readonly pending = new PendingStore();
  readonly data = new DataStore();
  readonly faults = new FaultQueue();
  consent: MockConsentMode;
  stats: MockStats = zeroStats();
  readonly #initialConsent: MockConsentMode;
  readonly #userOverrides: Partial<MockUser>;
  /** Changes made while running (`setUser`, `POST /__mock/user`); dropped by {@link MockState.reset}. */
  #userChanges: Partial<MockUser> = {};

  constructor(options: MockLivepushOptions) {
    this.clients = registerClients(options.clients);
    this.accessTokenTtlSeconds = positiveInteger(
      'accessTokenTtlSeconds',
      options.accessTokenTtlSeconds,
      3600,
    );
    this.codeTtlSeconds = positiveInteger('codeTtlSeconds', options.codeTtlSeconds, 60);
    this.rotateRefreshTokens = options.rotateRefreshTokens ?? true;
    const reuse = options.refreshTokenReuse ?? 'reject';
    if (reuse !== 'reject' && reuse !== 'revoke-grant')
      throw new RangeError(`refreshTokenReuse must be 'reject' or 'revoke-grant', got ${String(reuse)}`);
    this.refreshTokenReuse = reuse;
    this.sendIssuer = options.sendIssuer ?? false;
    const format = options.tokenFormat ?? 'opaque';
    if (format !== 'opaque' && format !== 'jwt')
      throw new RangeError(`tokenFormat must be 'opaque' or 'jwt', got ${String(format)}`);
    this.now = options.now ?? Date.now;
    this.consent = options.consent ?? 'prompt';
    this.#initialConsent = this.consent;
    this.#userOverrides = options.user ?? {};
    this.tokens = new TokenStore(
      () => this.url,
      () => this.now(),
      format,
    );
  }

  /** The fake signed-in user. */
  get user(): MockUser {
    return { ...defaultUser(this.url), ...this.#userOverrides, ...this.#userChanges };
  }

  /**
   * Changes fields of the fake user until the next reset (e.g. `{ isDisabled: true }`). Only the
   * scalar fields other than `id` (tokens already issued name the user by it) can change, to a value
   * of the same type.
   * @throws {TypeError} naming the first field that cannot take the value.
   */
  updateUser(changes: Partial<MockUser>): void {
    const current = this.user as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(changes)) {
      const kind = typeof current[key];
      if (key === 'id' || !(key in current) || kind === 'object' || typeof value !== kind)
        throw new TypeError(
          `The mock user's ${JSON.stringify(key)} cannot be set to ${JSON.stringify(value)}: send scalar fields other than id, with their types (e.g. { "isDisabled": true }).`,
        );
    }
    this.#userChanges = { ...this.#userChanges, ...changes };
  }

  /** The client used when none is named: the first registered one. */
  get firstClient(): RegisteredClient {
    return this.clients.values().next().value!;
  }

  /** The `iss` to add to authorization responses, when `sendIssuer` is on. */
  get issuerParameter(): string | undefined {
    return this.sendIssuer ? this.url : undefined;
  }

  /** An ISO timestamp from the injected clock. */
  isoNow(): string {
    return new Date(this.now()).toISOString();
  }

  /** Back to a freshly started server (same port, clients and signing key). */
  reset(): void {
    this.tokens.clear();
    this.codes.clear();
    this.pending.clear();
    this.faults.clear();
    this.data.reseed();
    this.stats = zeroStats();
    this.consent = this.#initialConsent;
    this.#userChanges = {};
  }
}
