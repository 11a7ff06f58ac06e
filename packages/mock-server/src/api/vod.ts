import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { type ApiEnv, apiError, missingScope } from './bearer';

/** Containers the inspector recognises by file extension, with the codecs it reports for them. */
const CONTAINERS: ReadonlyMap<string, { container: string; videoCodec: string; audioCodec: string }> =
  new Map([
    ['mp4', { container: 'mp4', videoCodec: 'h264', audioCodec: 'aac' }],
    ['mov', { container: 'mov', videoCodec: 'h264', audioCodec: 'aac' }],
    ['mkv', { container: 'matroska', videoCodec: 'h264', audioCodec: 'opus' }],
    ['webm', { container: 'webm', videoCodec: 'vp9', audioCodec: 'opus' }],
  ]);

/**
 * The VOD import API slice (`vod-web-import-api`), mounted under `/vod`: `POST /inspector/get_metadata`
 * with `{ url }` answers `{ id, duration, size, container, videoCodec, audioCodec }`, or 400
 * `{ message }` for a body without an http(s) URL of a video file. Livepush downloads the file; the
 * mock derives stable metadata from the URL instead (the same URL, the same answer).
 */
export function vodRoutes(): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.post('/inspector/get_metadata', async (c) => {
    const denied = missingScope(c, 'streams.videos.write');
    if (denied) return denied;
    const body = (await c.req.json().catch(() => null)) as { url?: unknown } | null;
    let url: URL | undefined;
    try {
      url = typeof body?.url === 'string' ? new URL(body.url) : undefined;
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      return apiError(400, 'Invalid request: url must be the http(s) URL of a video file.');
    }
    const extension = /\.([a-z0-9]+)$/i.exec(url.pathname)?.[1]?.toLowerCase() ?? '';
    // A Map, not an object: `.constructor` or `.__proto__` must not find Object.prototype's members.
    const format = CONTAINERS.get(extension);
    if (format === undefined) {
      return apiError(400, `Invalid request: ${url.pathname} is not a video file this inspector reads.`);
    }
    const digest = createHash('sha256').update(url.href).digest();
    return c.json({
      id: `vid_${digest.toString('hex').slice(0, 16)}`,
      duration: 30 + (digest.readUInt16BE(0) % 3600),
      size: 1_000_000 + digest.readUInt32BE(2),
      ...format,
    });
  });

  return app;
}
