import { LivepushAuthError } from '../errors';
import { transportError } from '../transport';

/**
 * Reads a 2xx body as JSON (`undefined` for an empty body or a 204).
 * @throws {LivepushAuthError} `invalid_response` for a body that is not JSON; `timeout`/`network_error`
 *   when the body could not be read.
 * @internal
 */
export async function readJsonBody(
  response: Response,
  callerSignal: AbortSignal | null | undefined,
  timeoutMs: number,
  label: string,
): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    throw transportError(cause, callerSignal, false, timeoutMs, label);
  }
  if (response.status === 204 || text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    const type = response.headers.get('content-type') ?? 'no content type';
    throw new LivepushAuthError(
      'invalid_response',
      `Livepush answered ${label} with ${response.status} but the body is not JSON (${type.split(';')[0]}). This is usually a proxy or outage page: try again later.`,
      { status: response.status },
    );
  }
}
