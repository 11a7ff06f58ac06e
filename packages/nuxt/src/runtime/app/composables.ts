// Auto-imported in the app: the composable of @livepush/auth-vue, resolved from this package (so the app
// need not depend on @livepush/auth-vue itself) and sharing the store the plugin provides.
export { type UseLivepushReturn, useLivepush } from '@livepush/auth-vue';
