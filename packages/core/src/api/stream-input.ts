import { LivepushAuthError } from '../errors';
import type { CreateStreamInput, StreamCategory } from './types';

const CATEGORIES: readonly StreamCategory[] = ['simulcast', 'schedule'];

/** Longest stream name accepted locally. */
const MAX_NAME_LENGTH = 200;

/**
 * Validates the input of `streams.create` locally, so a mistake costs no request.
 * @throws {LivepushAuthError} `invalid_request` listing every problem.
 * @internal
 */
export function checkCreateStreamInput(input: unknown): CreateStreamInput {
  const problems: string[] = [];
  const value = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  if (typeof input !== 'object' || input === null)
    problems.push('input must be an object { name, category }');
  const { name, category } = value;
  if (typeof name !== 'string' || name.trim() === '') problems.push('name must be a non-empty string');
  else if (name.length > MAX_NAME_LENGTH) problems.push(`name must be at most ${MAX_NAME_LENGTH} characters`);
  if (!CATEGORIES.includes(category as StreamCategory))
    problems.push('category must be "simulcast" or "schedule"');
  if (problems.length > 0) {
    throw new LivepushAuthError('invalid_request', `Invalid streams.create input: ${problems.join('; ')}.`);
  }
  return { name: (name as string).trim(), category: category as StreamCategory };
}

/**
 * Validates the video list of `streams.setPlaylist`.
 * @throws {LivepushAuthError} `invalid_request`.
 * @internal
 */
export function checkPlaylist(videos: unknown): string[] {
  if (!Array.isArray(videos) || videos.some((video) => typeof video !== 'string' || video === '')) {
    throw new LivepushAuthError(
      'invalid_request',
      'videos must be an array of non-empty strings (video ids or URLs).',
    );
  }
  return [...videos];
}

/** Longest video URL accepted locally. */
const MAX_URL_LENGTH = 2048;

/**
 * Validates the video URL of `vod.getMetadata`: an absolute http(s) URL Livepush can fetch.
 * @throws {LivepushAuthError} `invalid_request`.
 * @internal
 */
export function checkVideoUrl(url: unknown): string {
  let parsed: URL | undefined;
  try {
    parsed = typeof url === 'string' && url.length <= MAX_URL_LENGTH ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    const shown = typeof url === 'string' ? JSON.stringify(url.slice(0, 100)) : typeof url;
    throw new LivepushAuthError(
      'invalid_request',
      `url must be the absolute http(s) URL of a video file Livepush can download; got ${shown}.`,
    );
  }
  return url as string;
}
