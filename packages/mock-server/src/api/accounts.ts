import { Hono } from 'hono';
import type { MockState } from '../state';
import { type ApiEnv, missingScope } from './bearer';

/** The accounts API slice (`squid`), mounted under `/squid`. */
export function accountsRoutes(state: MockState): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.get('/account/this', (c) => {
    const denied = missingScope(c, 'profile.read');
    if (denied) return denied;
    return c.json(state.user);
  });

  app.get('/account/subscriptions', (c) => {
    const denied = missingScope(c, 'subscriptions.read');
    if (denied) return denied;
    return c.json(state.data.forUser(c.var.token.grant.userId).subscriptions);
  });

  return app;
}
