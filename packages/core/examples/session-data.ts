// Once, anywhere in your app: the shape of your session data (the README's "Your app's session").
declare module '@livepush/auth-core' {
  interface LivepushSessionData {
    appUserId?: string;
    role?: 'admin' | 'member';
  }
}

export {};
