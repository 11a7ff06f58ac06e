// The user's streams, listed on the server with their token (refreshed first when due; a refreshed
// session cookie goes out with this response). Auto-imported from @livepush/auth-nuxt.
export default defineEventHandler(async (event) => {
  await requireLivepushSession(event, 'streams.read');
  const streams = await useLivepushApi(event).streams.list();
  return streams.map((s) => ({ id: s.id, name: s.metadata.name, category: s.metadata.category ?? '' }));
});
