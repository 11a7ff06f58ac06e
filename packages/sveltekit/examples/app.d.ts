// src/app.d.ts — types `event.locals.livepush` in hooks, loads, actions and endpoints.
import type { LivepushLocals } from '@livepush/auth-sveltekit';

declare global {
  namespace App {
    interface Locals extends LivepushLocals {}
  }
}
