// /auth/login, /auth/callback, /auth/logout, /auth/session and /auth/api/*: the core's routes.
import { handlers } from '../../../lib/livepush';

export const { GET, POST, PUT, PATCH, DELETE } = handlers;
