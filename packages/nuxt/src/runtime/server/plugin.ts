import { defineNitroPlugin } from 'nitropack/runtime';
import { livepushAuth } from './instance';

// Validates the options when the server starts (not at the first request): a misconfigured server
// fails at once, listing every problem.
export default defineNitroPlugin(() => {
  livepushAuth();
});
