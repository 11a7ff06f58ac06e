import { createAuthClient } from 'better-auth/vue';
import { createApp, defineComponent, h } from 'vue';

const auth = createAuthClient();

const Account = defineComponent(() => {
  const session = auth.useSession();
  return () =>
    session.value.isPending
      ? h('p', 'Loading…')
      : !session.value.data
        ? h('button', { onClick: () => auth.signIn.social({ provider: 'github' }) }, 'Sign in')
        : h('p', [session.value.data.user.name, h('button', { onClick: () => auth.signOut() }, 'Sign out')]);
});

createApp(Account).mount('#app');
