import type { LivepushScope } from '@livepush/auth-core';

/** What the demo asks for at sign-in (nuxt.config's `livepush.scopes`). */
export const SIGN_IN_SCOPES: readonly LivepushScope[] = ['profile.read', 'streams.read'];
/** Asked for only when the user creates a stream: incremental consent. */
export const CREATE_SCOPES: readonly LivepushScope[] = ['streams.create'];
