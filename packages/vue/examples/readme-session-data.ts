import { useLivepush } from '@livepush/auth-vue';
import { computed } from 'vue';

// Once, anywhere in your app: the shape of what your server's onSignIn / updateSession keep.
declare module '@livepush/auth-core' {
  interface LivepushSessionData {
    role?: 'admin' | 'member';
    memberSince?: string;
  }
}

/** In a component's setup(): the role your server kept, and the #18 actions for its buttons. */
export function useAccount() {
  const { data, refresh, signOut } = useLivepush();
  const role = computed(() => data.value?.role ?? 'member');
  return {
    role,
    refreshProfile: () => refresh({ profile: true }),
    signOutEverywhere: () => signOut({ everywhere: true }),
  };
}
