// server/api/streams.post.ts — 403 { data: { code: 'missing_scopes', missing } } until streams.create is granted.
import { getLivepushSession, requireLivepushSession, useLivepushApi } from '@livepush/auth-nuxt/server';
import { defineEventHandler, readBody } from 'h3';

export default defineEventHandler(async (event) => {
  await requireLivepushSession(event, 'streams.create');
  const { name } = await readBody<{ name: string }>(event);
  const created = await useLivepushApi(event).streams.create({ name, category: 'simulcast' });
  const session = await getLivepushSession(event); // scopes, expiresAt, user — never a token
  return { id: created.id, by: session?.user?.name ?? null };
});
