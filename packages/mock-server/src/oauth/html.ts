/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `
:root{color-scheme:light dark;--bg:#f4f5f8;--card:#fff;--text:#1b1e27;--muted:#5d6475;--line:#e3e6ee;--accent:#e5383b}
@media (prefers-color-scheme:dark){:root{--bg:#111318;--card:#1b1e27;--text:#eef0f5;--muted:#9aa1b2;--line:#2c303c}}
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:grid;place-items:center;background:var(--bg);color:var(--text);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;padding:24px}
main{width:100%;max-width:440px;background:var(--card);border:1px solid var(--line);border-radius:14px;padding:28px;
box-shadow:0 8px 30px rgba(0,0,0,.06)}
.brand{display:flex;align-items:center;gap:8px;font-weight:700;letter-spacing:.2px;margin-bottom:18px}
.brand span{display:inline-grid;place-items:center;width:26px;height:26px;border-radius:7px;background:var(--accent);color:#fff}
h1{font-size:20px;margin:0 0 6px}
p{margin:0 0 14px;color:var(--muted)}
.user{display:flex;align-items:center;gap:12px;padding:12px;border:1px solid var(--line);border-radius:10px;margin:16px 0}
.user img,.user svg{width:40px;height:40px;border-radius:50%}
.user strong{display:block}
.user small{color:var(--muted)}
ul{list-style:none;margin:0 0 18px;padding:0;border-top:1px solid var(--line)}
li{padding:10px 0;border-bottom:1px solid var(--line)}
li code{font-size:13px;font-weight:600}
li div{color:var(--muted);font-size:14px}
.actions{display:flex;gap:10px;justify-content:flex-end}
button{font:inherit;font-weight:600;padding:9px 18px;border-radius:8px;border:1px solid var(--line);cursor:pointer;
background:transparent;color:var(--text)}
button.primary{background:var(--accent);border-color:var(--accent);color:#fff}
button:focus-visible{outline:3px solid #7aa7ff;outline-offset:2px}
.note{font-size:13px;margin-top:16px}
`;

/** A complete, self-contained HTML page (inline CSS; its icon is the mock's own `/favicon.ico`). */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="/favicon.ico">
<style>${STYLE}</style>
</head>
<body>
<main>
<div class="brand"><span aria-hidden="true">▶</span>Livepush <small>(local mock)</small></div>
${body}
</main>
</body>
</html>
`;
}

/** Headers for every HTML page the mock serves. */
export const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  // No form-action: browsers apply it to the redirect that follows the consent form.
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: http: https:",
  'referrer-policy': 'no-referrer',
} as const;
