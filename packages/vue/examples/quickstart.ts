import { createLivepush } from '@livepush/auth-vue';
import { createApp } from 'vue';
import SignInButton from './SignInButton.vue';

createApp(SignInButton).use(createLivepush()).mount('#app');
