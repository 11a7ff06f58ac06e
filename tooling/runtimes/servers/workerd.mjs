// workerd: the app as a module worker. Bundled with the `workerd`/`worker`/`browser` conditions (as
// wrangler does); its env bindings carry MOCK_ENDPOINTS and SESSION_SECRET.
import { createApp } from './app.mjs';

let app;
export default {
  fetch(request, env) {
    app ??= createApp(`workerd ${env.WORKERD_VERSION}`, env);
    return app(request);
  },
};
