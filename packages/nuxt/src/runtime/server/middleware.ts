import { defineEventHandler } from 'h3';
import { attachLivepush } from './context';
import { livepushAuth } from './instance';

// Every request gets `event.context.livepush` (read lazily) for pages, server routes and the utilities.
export default defineEventHandler((event) => {
  attachLivepush(event, livepushAuth());
});
