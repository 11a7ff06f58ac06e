// The sentences every server-rendered demo shows for a failed sign-in.
export { describeSignInError } from '@livepush/demo-shared/messages';
