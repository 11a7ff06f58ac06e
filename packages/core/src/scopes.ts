import { LivepushAuthError } from './errors';

/** The Accounts API scopes (Accounts & Billing, `squid.livepush.io`), in Livepush's documented order. */
export const ACCOUNTS_SCOPES = [
  'profile.read',
  'profile.write',
  'subscriptions.read',
  'auth.modify',
  'billing.read',
  'teams.read',
  'teams.write',
] as const;

/** The Streams API scopes (Core Streams & Media, `octopus.livepush.io`), in Livepush's documented order. */
export const STREAMS_SCOPES = [
  'regions.read',
  'streams.read',
  'streams.write',
  'streams.create',
  'streams.delete',
  'streams.videos.read',
  'streams.videos.write',
  'streams.destinations.read',
  'streams.destinations.write',
] as const;

/** All 16 Livepush scopes, in canonical order (Accounts API first, then Streams API). */
export const LIVEPUSH_SCOPES = /* @__PURE__ */ (() => [...ACCOUNTS_SCOPES, ...STREAMS_SCOPES] as const)();

/** One Livepush scope. A typo is a compile error: `const s: LivepushScope = 'stream.read'` fails. */
export type LivepushScope = (typeof LIVEPUSH_SCOPES)[number];

/**
 * The scopes of each Livepush API, for grouping in consent or settings screens (the VOD import API
 * has no scopes of its own: it needs `streams.videos.write`).
 */
export const SCOPES_BY_API: {
  readonly accounts: readonly LivepushScope[];
  readonly streams: readonly LivepushScope[];
} = {
  accounts: ACCOUNTS_SCOPES,
  streams: STREAMS_SCOPES,
};

const DESCRIPTIONS: { readonly [scope in LivepushScope]: string } = {
  'profile.read': 'Read your profile information',
  'profile.write': 'Update your profile information',
  'subscriptions.read': 'Read your subscription details',
  'auth.modify': 'Change your authentication details',
  'billing.read': 'Read your billing data, such as invoices and payments',
  'teams.read': 'Read your teams',
  'teams.write': 'Change your teams',
  'regions.read': 'See the available streaming regions',
  'streams.read': 'Read your streams',
  'streams.write': 'Update your existing streams',
  'streams.create': 'Create new streams',
  'streams.delete': 'Delete your streams',
  'streams.videos.read': 'Read your stream videos and recordings',
  'streams.videos.write': 'Update or delete your stream videos',
  'streams.destinations.read': 'See the destinations configured for your streams',
  'streams.destinations.write': 'Create, update and remove destinations for your streams',
};

/** Each scope's place in canonical order (marked pure: a browser bundle drops it when unused). */
const ORDER = /* @__PURE__ */ new Map<string, number>(
  /* @__PURE__ */ LIVEPUSH_SCOPES.map((scope, index) => [scope, index]),
);

/** True when `value` is one of the 16 Livepush scopes. */
export function isLivepushScope(value: unknown): value is LivepushScope {
  return typeof value === 'string' && ORDER.has(value);
}

/** A short, human description of a scope, written for a consent or settings screen. */
export function describeScope(scope: LivepushScope): string {
  if (!isLivepushScope(scope)) {
    throw new LivepushAuthError(
      'invalid_scope',
      `Unknown Livepush scope ${JSON.stringify(String(scope))}. ${known()}`,
    );
  }
  return DESCRIPTIONS[scope];
}

/** The API (`accounts` or `streams`) a scope belongs to. @internal */
export function scopeApi(scope: LivepushScope): keyof typeof SCOPES_BY_API {
  return (ORDER.get(scope) ?? 0) < ACCOUNTS_SCOPES.length ? 'accounts' : 'streams';
}

/** The end of every unknown-scope message (built when needed: browsers never pay for it). */
const known = () => `Use one of: ${LIVEPUSH_SCOPES.join(', ')}.`;

/** Input accepted wherever scopes are: an array, or one string separated by spaces and/or commas. */
export type ScopesInput = string | readonly string[];

/**
 * Parses scopes from an array or a space- or comma-separated string (both are seen in the wild),
 * trimming and deduplicating, and returns them in canonical order.
 *
 * @throws {LivepushAuthError} `invalid_scope` naming the first unknown or empty entry.
 * @example parseScopes('streams.read, profile.read') // ['profile.read', 'streams.read']
 */
export function parseScopes(input: ScopesInput): LivepushScope[] {
  let parts: readonly string[];
  if (typeof input === 'string') {
    const trimmed = input.trim();
    parts = trimmed === '' ? [] : trimmed.split(/[\s,]+/);
  } else if (Array.isArray(input)) {
    parts = input.map((entry) => (typeof entry === 'string' ? entry.trim() : entry));
  } else {
    throw new LivepushAuthError(
      'invalid_scope',
      `Scopes must be an array or a string, got ${typeof input}. ${known()}`,
    );
  }
  const found = new Set<LivepushScope>();
  for (const part of parts) {
    if (!isLivepushScope(part)) {
      const shown = typeof part === 'string' ? JSON.stringify(part.slice(0, 64)) : typeof part;
      throw new LivepushAuthError(
        'invalid_scope',
        part === '' ? `Empty scope in the list. ${known()}` : `Unknown Livepush scope ${shown}. ${known()}`,
      );
    }
    found.add(part);
  }
  return sortScopes(found);
}

/** Scopes in canonical order, deduplicated. */
function sortScopes(scopes: Iterable<LivepushScope>): LivepushScope[] {
  return [...new Set(scopes)].sort((a, b) => (ORDER.get(a) ?? 0) - (ORDER.get(b) ?? 0));
}

/**
 * Formats scopes for a `scope` parameter: validated, deduplicated, in canonical order. `separator`
 * goes between scopes: RFC 6749 says a space (the default); some integrations use `,`.
 *
 * @example formatScopes(['streams.read', 'profile.read']) // 'profile.read streams.read'
 */
export function formatScopes(scopes: ScopesInput, options: { separator?: string } = {}): string {
  return parseScopes(scopes).join(options.separator ?? ' ');
}

/**
 * True when every one of `required` is in `granted`. No scope implies another: `streams.write`
 * does not grant `streams.read`.
 *
 * @example hasScopes(session.scopes, ['streams.read'])
 */
export function hasScopes(granted: readonly LivepushScope[], required: readonly LivepushScope[]): boolean {
  return required.every((scope) => granted.includes(scope));
}

/** The scopes of `required` that `granted` lacks, in canonical order, each once. */
export function missingScopes(
  granted: readonly LivepushScope[],
  required: readonly LivepushScope[],
): LivepushScope[] {
  const have = new Set(granted);
  const wanted = new Set(required);
  return LIVEPUSH_SCOPES.filter((scope) => wanted.has(scope) && !have.has(scope));
}

/** The union of several scope lists, in canonical order. @internal */
export function unionScopes(...lists: readonly (readonly LivepushScope[])[]): LivepushScope[] {
  return sortScopes(lists.flat());
}
