/**
 * Your app's own data kept in the session: what `onSignIn` returns as `data`, or what
 * `updateSession(request, { data })` sets. It is visible to the browser (`GET {basePath}/session`,
 * the browser store, the adapters): keep secrets out of it. In cookie mode it travels in the sealed
 * session cookie, so keep it small. Empty (`{}`) until the app sets some.
 *
 * Declare its shape once, anywhere in your app (module augmentation, like SvelteKit's `App.Locals`):
 *
 * @example
 * ```ts
 * declare module '@livepush/auth-core' {
 *   interface LivepushSessionData {
 *     appUserId: string
 *     role: 'admin' | 'member'
 *   }
 * }
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: apps fill it through module augmentation.
export interface LivepushSessionData {}
