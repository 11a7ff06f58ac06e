import { createLivepush } from '@livepush/auth-vue';
import { createLivepushGuard } from '@livepush/auth-vue/router';
import { createApp } from 'vue';
import { createRouter, createWebHistory, RouterView } from 'vue-router';
import ProfileCard from './ProfileCard.vue';

const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: ProfileCard },
    // Signed-in users who granted streams.read only; others are sent to sign in (and back here).
    {
      path: '/streams',
      component: () => import('./StreamList.vue'),
      meta: { livepushScopes: ['streams.read'] },
    },
  ],
});
router.beforeEach(createLivepushGuard());

createApp(RouterView).use(createLivepush()).use(router).mount('#app');
