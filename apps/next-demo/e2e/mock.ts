import { e2eMock } from '@livepush/demo-shared/e2e';

/** The mock Livepush of this demo's e2e run (ports of its own, so the demos can be tested side by side). */
export const mock = e2eMock({ port: 4176 });

/** The same build with cookie sessions (`DEMO_SESSIONS=cookie`, no store): the config's second web server. */
export const COOKIE_SESSIONS_PORT = 5286;
/** Where the tests that also run with cookie sessions find that server. */
export const COOKIE_SESSIONS_URL = `http://127.0.0.1:${COOKIE_SESSIONS_PORT}`;
