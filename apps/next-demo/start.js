// `pnpm start`: the production build (`next start`) on http://127.0.0.1:5176 unless PORT/HOST say
// otherwise. Next.js' telemetry stays off.
import { createRequire } from 'node:module';

process.env.PORT ??= '5176';
process.env.HOST ??= '127.0.0.1';
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const bin = createRequire(import.meta.url).resolve('next/dist/bin/next');
process.argv = [process.argv[0], bin, 'start', '--port', process.env.PORT, '--hostname', process.env.HOST];
await import(bin);
