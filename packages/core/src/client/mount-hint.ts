// Development only: create-auth-client.ts calls this behind `process.env.NODE_ENV !== 'production'`, which
// bundlers (Vite, Next, webpack, esbuild) replace, so a production build drops this module and its text.

/** Set once the hint was logged: one console error a page, however many stores and requests fail. */
let logged = false;

/**
 * Logs one console error when `{base}/session` is not answered by the Livepush handler: a 404, an HTML
 * page (a dev server's or host's fallback) or no answer at all (`answer` undefined). Nothing otherwise.
 * @internal
 */
export function mountHint(base: string, answer?: Response): void {
  const html = /html/i.test(answer?.headers.get('content-type') ?? '');
  if (logged || (answer && answer.status !== 404 && !html)) return;
  logged = true;
  const got = answer ? (html ? 'an HTML page' : '404') : 'no answer (a network error)';
  console.error(
    `[livepush] GET ${base}/session got ${got}: is the auth handler mounted on this origin (${location.origin})? ` +
      `Serve ${base}/* from the server that serves this page (e.g. app.use('${base}', toNodeHandler(auth)) with Express), ` +
      `or in a Vite dev server proxy it to your API server: server: { proxy: { '${base}': 'http://127.0.0.1:3000' } }. ` +
      'redirectUri must then use the port of this page. ' +
      'See https://github.com/livepush/livepush-auth/tree/main/packages/core#same-origin',
  );
}
