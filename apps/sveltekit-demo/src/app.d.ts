// `event.locals.livepush`, typed (the snippet from @livepush/auth-sveltekit's README).
import type { LivepushLocals } from '@livepush/auth-sveltekit';

declare global {
  namespace App {
    interface Locals extends LivepushLocals {}
  }
}
