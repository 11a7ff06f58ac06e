// The sentences every server-rendered demo shows for a failed sign-in.
export { describeSignInError, memberSinceText } from '@livepush/demo-shared/messages';
