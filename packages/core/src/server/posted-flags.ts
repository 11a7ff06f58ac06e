import { LivepushAuthError } from '../errors';
import { readBounded } from '../transport';

/** A flags body is a few bytes (`{"everywhere":true}`); anything longer is not one. */
const MAX_FLAGS_BYTES = 1024;

const malformed = () =>
  new LivepushAuthError(
    'invalid_request',
    'The body must be a small JSON object of flags (e.g. {"everywhere":true}) or a form (everywhere=true).',
  );

/**
 * Which of `names` a POST to one of the auth routes sets: a JSON body (`{"everywhere":true}`, what the
 * browser store sends) or a form (`everywhere=true`, `1` or `on`: a plain HTML form). No body, or a
 * GET: none.
 * @throws {LivepushAuthError} `invalid_request` for a body over 1 KiB or JSON that is not an object.
 * @internal
 */
export async function postedFlags<N extends string>(
  request: Request,
  names: readonly N[],
): Promise<Partial<Record<N, true>>> {
  const flags: Partial<Record<N, true>> = {};
  if (request.method === 'GET' || request.method === 'HEAD' || request.body === null) return flags;
  const bytes = await readBounded(
    request.body,
    request.headers.get('content-length'),
    MAX_FLAGS_BYTES,
    malformed,
  );
  const text = new TextDecoder().decode(bytes).trim();
  if (text === '') return flags;
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw malformed();
    }
    if (typeof parsed !== 'object' || parsed === null) throw malformed();
    for (const name of names) if ((parsed as Record<string, unknown>)[name] === true) flags[name] = true;
    return flags;
  }
  const form = new URLSearchParams(text);
  for (const name of names) if (['true', '1', 'on'].includes(form.get(name) ?? '')) flags[name] = true;
  return flags;
}
