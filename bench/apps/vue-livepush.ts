// The same minimal Vue app for every library: the plugin, a status line, sign in, sign out.
import { createLivepush, useLivepush } from '@livepush/auth-vue';
import { createApp, defineComponent, h } from 'vue';

const Account = defineComponent(() => {
  const { isLoading, isAuthenticated, user, signIn, signOut } = useLivepush();
  return () =>
    isLoading.value
      ? h('p', 'Loading…')
      : !isAuthenticated.value
        ? h('button', { onClick: () => signIn() }, 'Sign in')
        : h('p', [user.value?.name, h('button', { onClick: () => signOut() }, 'Sign out')]);
});

createApp(Account).use(createLivepush()).mount('#app');
