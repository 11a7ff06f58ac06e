import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { authjsCodec } from './alternatives';
import type { BenchContext, BenchResult } from './benchmark';
import { SECRET } from './fixture';
import { sessions } from './session-pool';
import { medianRange, num, spread } from './stats';

const BENCH = fileURLToPath(new URL('..', import.meta.url));
const CORE = join(BENCH, '..', 'packages', 'core');
const TARGET_MS = 50;

/** What a cold-start script prints: its marks (ms since its process started) and its answer. */
interface Printed {
  marks: [started: number, imported: number, created: number, built: number, answered: number];
  derive?: number;
  status: number;
  body: string;
}

/** Where a cold start's time went, ms. */
interface Phases {
  import: number;
  create: number;
  webApis: number;
  request: number;
}

const phasesOf = ({ marks: [started, imported, created, built, answered] }: Printed): Phases => ({
  import: imported - started,
  create: created - imported,
  webApis: built - created,
  request: answered - built,
});

interface Run {
  wallMs: number;
  printed: Printed | null;
  error?: string;
}

/** Runs `node [args]` in a fresh process; wall time from spawn to exit, and its JSON line if any. */
function runNode(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: BENCH,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk;
    });
    child.on('close', (code) => {
      const wallMs = performance.now() - start;
      if (code !== 0)
        return resolve({ wallMs, printed: null, error: `exit ${code}: ${err.trim().slice(0, 500)}` });
      const line = out.trim();
      resolve({ wallMs, printed: line ? (JSON.parse(line) as Printed) : null });
    });
  });
}

/** The newest modification time under `dir` (ms). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** Fisher–Yates, so no implementation always runs first (or right after another) in a round. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * 6. Cold start, what a serverless user feels on every new instance: a fresh Node process that imports
 * the built server entry, creates the handler and answers one `GET /auth/session` with a session cookie,
 * against Auth.js doing the same. Whole-process wall time minus an empty `node -e ''` of the same
 * round, paired; the scripts report where their time went.
 */
export async function coldStart({ quick, progress }: BenchContext): Promise<BenchResult> {
  const rounds = quick ? 3 : 15;
  const failures: string[] = [];
  const built = join(CORE, 'dist', 'server', 'index.js');
  if (!existsSync(built) || statSync(built).mtimeMs < newest(join(CORE, 'src'))) {
    return {
      tables: [],
      failures: [
        'cold-start: packages/core/dist is missing or older than its src; run `pnpm build` (the bench scripts do).',
      ],
    };
  }

  const [session] = await sessions(1);
  const payload = session!.payload;
  const authjsToken = await authjsCodec().encode(payload);
  const cases = [
    {
      name: 'Livepush (@livepush/auth-core/server, built)',
      script: 'cold-start/livepush.mjs',
      env: { SESSION_SECRET: SECRET, SESSION_COOKIE: session!.cookie },
      answered: (body: string) => (JSON.parse(body) as { authenticated?: boolean }).authenticated === true,
    },
    {
      name: 'Auth.js (@auth/core Auth(), JWT session)',
      script: 'cold-start/authjs.mjs',
      env: { SESSION_SECRET: SECRET, SESSION_COOKIE: `authjs.session-token=${authjsToken}` },
      answered: (body: string) => typeof (JSON.parse(body) as { expires?: unknown }).expires === 'string',
    },
  ];

  const net: number[][] = cases.map(() => []);
  const phases: Phases[][] = cases.map(() => []);
  const empty: number[] = [];
  // Round 0 warms the file system cache and is dropped.
  for (let round = 0; round <= rounds; round++) {
    const walls = new Map<string, number>();
    for (const job of shuffled(['empty', ...cases.map((c) => c.script)])) {
      const run =
        job === 'empty'
          ? await runNode(['-e', ''])
          : await runNode([job], cases.find((c) => c.script === job)!.env);
      walls.set(job, run.wallMs);
      if (job === 'empty') continue;
      const c = cases.findIndex((x) => x.script === job);
      if (run.printed?.status !== 200 || !cases[c]!.answered(run.printed.body)) {
        failures.push(
          `cold-start: ${cases[c]!.name} did not answer with the session: ${run.error ?? run.printed?.body}`,
        );
        return { tables: [], failures };
      }
      if (round > 0) phases[c]!.push(phasesOf(run.printed));
    }
    if (round === 0) continue;
    empty.push(walls.get('empty')!);
    for (const [c, { script }] of cases.entries()) net[c]!.push(walls.get(script)! - walls.get('empty')!);
    progress(`cold-start: round ${round}/${rounds}`);
  }
  // Key derivation on its own, outside the timed runs (the Livepush script measures it when asked).
  const derives: number[] = [];
  for (let i = 0; i < (quick ? 1 : 5); i++) {
    const run = await runNode([cases[0]!.script], { ...cases[0]!.env, MEASURE_DERIVE: '1' });
    if (run.printed?.derive !== undefined) derives.push(run.printed.derive);
  }

  const ms = (values: number[]) => medianRange(spread(values), ' ms');
  const phase = (c: number, key: 'import' | 'create' | 'webApis' | 'request') =>
    ms(phases[c]!.map((p) => p[key]));
  const ratio = (c: number) =>
    c === 0 ? '1×' : `${medianRange(spread(net[c]!.map((v, round) => v / net[0]![round]!)))}×`;
  const ours = spread(net[0]!).median;
  return {
    failures,
    tables: [
      {
        title: '6. Cold start: fresh process → import → create handler → one GET /auth/session (ms)',
        columns: [
          'implementation',
          'wall − empty Node',
          'alt ÷ ours (paired)',
          'module evaluation',
          'create handler',
          'first Request (Node loads undici)',
          'first request (key derivation incl.)',
        ],
        rows: cases.map((c, i) => [
          c.name,
          ms(net[i]!),
          ratio(i),
          phase(i, 'import'),
          phase(i, 'create'),
          phase(i, 'webApis'),
          phase(i, 'request'),
        ]),
        notes: [
          `median (min–max) of ${rounds} rounds; each round runs an empty \`node -e ''\` (${ms(empty)}), ours and Auth.js in a shuffled order, each a fresh process; wall − empty = that process's wall time minus the round's empty start.`,
          'phases are measured inside the process (performance.now()); what is left of wall − empty is the ESM loader starting, the answer being written and the process exiting.',
          `key derivation (HKDF-SHA-256, node:crypto, synchronous) on its own: ${derives.length > 0 ? ms(derives) : 'not measured'}, inside the first request; Auth.js derives its key on every request.`,
          `aim ≤ ${TARGET_MS} ms: ${num(ours)} ms ${ours <= TARGET_MS ? '(met)' : '(NOT met)'}.`,
        ],
      },
    ],
  };
}
