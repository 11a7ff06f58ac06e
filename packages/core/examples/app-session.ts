// The README's "Your app's session" examples, compiled by `pnpm typecheck` so they cannot rot.
import { auth } from './auth';

export async function promote(request: Request): Promise<Response> {
  const { session, setCookies } = await auth.updateSession(request, { data: { role: 'admin' } });
  const response = Response.json({ role: session.data.role });
  for (const cookie of setCookies) response.headers.append('set-cookie', cookie);
  return response;
}

export async function passwordChanged(userId: string): Promise<void> {
  const sessions = await auth.listSessions(userId); // [{ createdAt, lastUsedAt, expiresAt, userAgent }]
  console.log(`ending ${sessions.length} sessions`);
  await auth.signOutUser(userId); // every device, on its next request
}

export async function profileChanged(request: Request): Promise<string[]> {
  const { session, setCookies } = await auth.refreshProfile(request);
  console.log(session.user?.name);
  return setCookies;
}
