import { escapeHtml, HTML_HEADERS, htmlPage } from './html';

/**
 * The page shown when the mock cannot trust the redirect URI (unknown client, unregistered or
 * missing redirect URI, expired consent): RFC 6749 §4.1.2.1 forbids redirecting then.
 */
export function authorizeErrorPage(error: string, description: string, status = 400): Response {
  const body = `<h1>Authorization error</h1>
<p>${escapeHtml(description)}</p>
<p class="note">Error code: <code>${escapeHtml(error)}</code>. Nothing was sent back to the application.</p>`;
  return new Response(htmlPage('Authorization error', body), { status, headers: HTML_HEADERS });
}

/**
 * A 302 to the client's redirect URI with `params` (and `state`, and `iss` when the mock sends its
 * issuer, RFC 9207) added to its query.
 */
export function redirectWith(
  redirectUri: string,
  params: Record<string, string>,
  state: string | undefined,
  issuer?: string,
): Response {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  if (state !== undefined) url.searchParams.set('state', state);
  if (issuer !== undefined) url.searchParams.set('iss', issuer);
  return new Response(null, { status: 302, headers: { location: url.href, 'cache-control': 'no-store' } });
}

/** An authorization error sent back to the client (RFC 6749 §4.1.2.1). */
export function redirectError(
  redirectUri: string,
  error: string,
  description: string,
  state: string | undefined,
  issuer?: string,
): Response {
  return redirectWith(redirectUri, { error, error_description: description }, state, issuer);
}

/** A token endpoint error, RFC 6749 §5.2. */
export function tokenError(
  error: string,
  description: string,
  status = 400,
  headers: Record<string, string> = {},
) {
  return new Response(JSON.stringify({ error, error_description: description }), {
    status,
    headers: {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      pragma: 'no-cache',
      ...headers,
    },
  });
}
