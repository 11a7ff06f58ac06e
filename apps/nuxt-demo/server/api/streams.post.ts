// Creates a stream. Without streams.create: 403 `{ data: { code: 'missing_scopes', missing } }` (the
// page asks Livepush for it first: incremental consent).
export default defineEventHandler(async (event) => {
  await requireLivepushSession(event, 'streams.create');
  const { name } = await readBody<{ name?: unknown }>(event);
  if (typeof name !== 'string' || !name.trim())
    throw createError({ statusCode: 400, message: 'Give the stream a name.' });
  const created = await useLivepushApi(event).streams.create({ name: name.trim(), category: 'simulcast' });
  return { id: created.id, name: created.metadata.name };
});
