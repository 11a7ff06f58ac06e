// app/api/report/route.ts — a token for your own server-side call to Livepush.
import { getAccessToken } from '@/lib/livepush';

export async function GET() {
  const token = await getAccessToken(); // refreshed first when due, the new cookie set on this response
  const response = await fetch('https://octopus.livepush.io/streams/mine', {
    headers: { authorization: `Bearer ${token}` },
  });
  return Response.json({ streams: ((await response.json()) as unknown[]).length });
}
