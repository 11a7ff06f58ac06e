import { createLivepush } from '@livepush/auth-vue';
import { createApp } from 'vue';
import Quickstart from './Quickstart.vue';

createApp(Quickstart).use(createLivepush()).mount('#app');
