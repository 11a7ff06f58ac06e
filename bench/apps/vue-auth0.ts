import { createAuth0, useAuth0 } from '@auth0/auth0-vue';
import { createApp, defineComponent, h } from 'vue';

const Account = defineComponent(() => {
  const { isLoading, isAuthenticated, user, loginWithRedirect, logout } = useAuth0();
  return () =>
    isLoading.value
      ? h('p', 'Loading…')
      : !isAuthenticated.value
        ? h('button', { onClick: () => loginWithRedirect() }, 'Sign in')
        : h('p', [user.value?.name, h('button', { onClick: () => logout() }, 'Sign out')]);
});

createApp(Account)
  .use(
    createAuth0({
      domain: 'id.example.com',
      clientId: 'client',
      authorizationParams: { redirect_uri: window.location.origin },
    }),
  )
  .mount('#app');
