/**
 * The scope table, copied from Livepush's authentication documentation.
 *
 * The mock keeps its own copy on purpose: it is the oracle the SDK is tested against, so it must not
 * import the SDK's scope list (a typo shared by both would go unnoticed).
 */

/** Which Livepush API a scope belongs to. */
export type MockScopeApi = 'accounts' | 'streams';

/**
 * The 16 scopes Livepush documents, in documentation order, each with the API it belongs to and
 * the description the consent page shows.
 */
export const LIVEPUSH_MOCK_SCOPES = [
  { scope: 'profile.read', api: 'accounts', description: 'Read user profile information' },
  { scope: 'profile.write', api: 'accounts', description: 'Update or modify user profile information' },
  { scope: 'subscriptions.read', api: 'accounts', description: 'Read user subscription details' },
  { scope: 'auth.modify', api: 'accounts', description: 'Modify user authentication details' },
  { scope: 'billing.read', api: 'accounts', description: 'Read billing data such as invoices and payments' },
  { scope: 'teams.read', api: 'accounts', description: 'Read team-related data' },
  { scope: 'teams.write', api: 'accounts', description: 'Modify team-related data' },
  { scope: 'regions.read', api: 'streams', description: 'Retrieve the list of available regions' },
  { scope: 'streams.read', api: 'streams', description: 'Read user stream data' },
  { scope: 'streams.write', api: 'streams', description: 'Update existing stream data' },
  { scope: 'streams.create', api: 'streams', description: 'Create or deploy new streams' },
  { scope: 'streams.delete', api: 'streams', description: 'Delete or destroy streams' },
  { scope: 'streams.videos.read', api: 'streams', description: 'Read stream video data' },
  { scope: 'streams.videos.write', api: 'streams', description: 'Update or delete stream video data' },
  {
    scope: 'streams.destinations.read',
    api: 'streams',
    description: 'Read and list stream destinations configured for a stream',
  },
  {
    scope: 'streams.destinations.write',
    api: 'streams',
    description: 'Create, update, and remove stream destinations for a stream',
  },
] as const satisfies readonly { scope: string; api: MockScopeApi; description: string }[];

/** One of the 16 documented Livepush scopes. */
export type MockScope = (typeof LIVEPUSH_MOCK_SCOPES)[number]['scope'];

const DESCRIPTIONS: ReadonlyMap<string, string> = new Map(
  LIVEPUSH_MOCK_SCOPES.map((entry) => [entry.scope, entry.description]),
);

/** Whether `value` is one of the documented scopes. */
export function isMockScope(value: string): value is MockScope {
  return DESCRIPTIONS.has(value);
}

/** The consent-page description of a documented scope. */
export function describeMockScope(scope: MockScope): string {
  return DESCRIPTIONS.get(scope) ?? scope;
}

/** The result of reading a `scope` parameter: the scopes in request order, or the unknown ones. */
export type ScopeParseResult = { ok: true; scopes: MockScope[] } | { ok: false; unknown: string[] };

/**
 * Reads a `scope` parameter. RFC 6749 separates scopes with spaces; one working Livepush
 * integration sends commas, so both (and any mix) are accepted. Duplicates are dropped.
 */
export function parseScopeParam(raw: string): ScopeParseResult {
  const tokens = raw.split(/[\s,]+/).filter((token) => token.length > 0);
  const unknown = tokens.filter((token) => !isMockScope(token));
  if (unknown.length > 0) return { ok: false, unknown: [...new Set(unknown)] };
  return { ok: true, scopes: [...new Set(tokens as MockScope[])] };
}
