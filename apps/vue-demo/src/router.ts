import { createLivepushGuard } from '@livepush/auth-vue/router';
import { createRouter, createWebHistory } from 'vue-router';
import HomeView from './views/HomeView.vue';
import StreamsView from './views/StreamsView.vue';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'home', component: HomeView },
    // Signed-out visitors are sent to Livepush and brought back here after consent.
    { path: '/streams', name: 'streams', component: StreamsView, meta: { livepushScopes: ['streams.read'] } },
  ],
});

router.beforeEach(createLivepushGuard());
