import { createLivepush, type SessionPayload } from '@livepush/auth-vue';
import { createApp } from 'vue';
import App from './App.vue';
import { router } from './router';

/** The session summary the server embedded in the page (no token), so there is no loading flash. */
function embeddedSession(): SessionPayload | undefined {
  const text = document.getElementById('livepush-session')?.textContent;
  return text ? (JSON.parse(text) as SessionPayload) : undefined;
}

const initialSession = embeddedSession();
createApp(App)
  .use(createLivepush(initialSession ? { initialSession } : {}))
  .use(router)
  .mount('#app');
