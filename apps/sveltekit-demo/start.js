// `pnpm start`: the built app on http://127.0.0.1:5175 unless PORT/HOST/ORIGIN say otherwise.
// adapter-node reads all three; without ORIGIN it would assume https behind a proxy, and SvelteKit's
// CSRF check would then refuse this plain-http demo's form posts.
process.env.PORT ??= '5175';
process.env.HOST ??= '127.0.0.1';
process.env.ORIGIN ??= `http://${process.env.HOST}:${process.env.PORT}`;
await import('./build/index.js');
