import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGES = fileURLToPath(new URL('../../../../packages', import.meta.url));

/** The newest modification time of a file under `dir` (ms). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  return latest;
}

/**
 * Packages (by folder under packages/) whose `dist` is missing or older than their `src`: these tests
 * run the built packages, so a stale build would test old code. `pnpm build` (or turbo's `^build`)
 * brings them up to date.
 */
export function staleBuilds(...packages: string[]): string[] {
  return packages.filter((name) => {
    const dist = join(PACKAGES, name, 'dist');
    return !existsSync(dist) || newest(dist) < newest(join(PACKAGES, name, 'src'));
  });
}
