// app/auth/[...livepush]/route.ts — /auth/login, /auth/callback, /auth/logout, /auth/session, /auth/api/*
import { handlers } from '@/lib/livepush';

export const { GET, POST, PUT, PATCH, DELETE } = handlers;
