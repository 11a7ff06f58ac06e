// server/api/streams.get.ts — the utilities are auto-imported in server/ (imported here for clarity).
import { requireLivepushSession, useLivepushApi } from '@livepush/auth-nuxt/server';
import { defineEventHandler } from 'h3';

export default defineEventHandler(async (event) => {
  await requireLivepushSession(event, 'streams.read'); // 401 / 403 JSON otherwise
  const streams = await useLivepushApi(event).streams.list(); // a due token is refreshed and persisted
  return streams.map((stream) => stream.metadata.name);
});
