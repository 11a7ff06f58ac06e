import { authjsCodec, joseCodec, type SessionCodec } from './alternatives';
import type { BenchContext, BenchResult } from './benchmark';
import { appRequest, createAuth, startMock } from './fixture';
import { sessions } from './session-pool';
import { medianRange, num, spread } from './stats';
import { microsPerOp } from './timing';

const PATH = '/dashboard';

/**
 * 1. Session read on the request path: our `getSession(request)` (cookie parsing, AES-256-GCM open,
 * record check, summary) vs Auth.js `decode` and a jose A256GCM decrypt of the same session.
 * First read: a cookie never seen before, each time. Repeated: the same cookie again and again.
 */
export async function sessionRead({ quick, progress }: BenchContext): Promise<BenchResult> {
  const runs = quick ? 3 : 11;
  const perRun = quick ? 100 : 500;
  const repeats = quick ? 500 : 5000;
  const failures: string[] = [];

  const mock = await startMock();
  try {
    progress(`session-read: minting ${(runs + 1) * perRun} sessions through the handler`);
    const pool = await sessions((runs + 1) * perRun);
    const auth = createAuth(mock.endpoints);
    const codecs: SessionCodec[] = [authjsCodec(), await joseCodec()];

    // Every implementation reads the same sessions, run for run.
    const batches = Array.from({ length: runs + 1 }, (_, run) =>
      pool.slice(run * perRun, (run + 1) * perRun),
    );
    const tokens = await Promise.all(
      codecs.map((codec) =>
        Promise.all(batches.map((batch) => Promise.all(batch.map((s) => codec.encode(s.payload))))),
      ),
    );

    // Answers must be right before they are fast.
    const sample = batches[0]![0]!;
    const summary = await auth.getSession(appRequest(PATH, sample.cookie));
    if (summary?.authenticated !== true || summary.scopes.length !== sample.payload.tokens.scopes.length)
      failures.push('session-read: getSession did not return the minted session');
    for (const [c, codec] of codecs.entries()) {
      const decoded = (await codec.decode(tokens[c]![0]![0]!)) as {
        tokens?: { accessToken?: string };
      } | null;
      if (decoded?.tokens?.accessToken !== sample.payload.tokens.accessToken)
        failures.push(`session-read: ${codec.name} did not return the session`);
    }

    const first: number[][] = [[], [], []];
    const repeated: number[][] = [[], [], []];
    // Run 0 warms up (JIT, key derivation); runs alternate implementations to share the noise.
    for (let run = 0; run <= runs; run++) {
      const requests = batches[run]!.map((s) => appRequest(PATH, s.cookie));
      const ours = await microsPerOp(perRun, (i) => auth.getSession(requests[i]!));
      const alts = [];
      for (const [c, codec] of codecs.entries())
        alts.push(await microsPerOp(perRun, (i) => codec.decode(tokens[c]![run]![i]!)));
      const same = requests[0]!;
      const oursAgain = await microsPerOp(repeats, () => auth.getSession(same));
      const altsAgain = [];
      for (const [c, codec] of codecs.entries()) {
        const token = tokens[c]![run]![0]!;
        altsAgain.push(await microsPerOp(Math.ceil(repeats / 10), () => codec.decode(token)));
      }
      if (run === 0) continue;
      first[0]!.push(ours);
      repeated[0]!.push(oursAgain);
      for (let c = 0; c < codecs.length; c++) {
        first[c + 1]!.push(alts[c]!);
        repeated[c + 1]!.push(altsAgain[c]!);
      }
      progress(`session-read: run ${run}/${runs}`);
    }

    const names = ['Livepush getSession(request)', ...codecs.map((c) => c.name)];
    const firstS = first.map(spread);
    const againS = repeated.map(spread);
    // Paired: each run's alternative ÷ ours in the same run (noise of the moment cancels), then the median.
    const ratio = (values: number[][], i: number) =>
      i === 0 ? '1×' : `${medianRange(spread(values[i]!.map((v, run) => v / values[0]![run]!)))}×`;
    const speedup = spread(first[1]!.map((v, run) => v / first[0]![run]!)).median;
    return {
      failures,
      tables: [
        {
          title: '1. Session read on the request path (µs/op, lower is better)',
          columns: [
            'implementation',
            'first read µs/op',
            'alt ÷ ours (paired)',
            'repeated read µs/op',
            'alt ÷ ours (paired)',
            'input bytes',
          ],
          rows: names.map((name, i) => [
            name,
            medianRange(firstS[i]!),
            ratio(first, i),
            medianRange(againS[i]!),
            ratio(repeated, i),
            String(i === 0 ? sample.cookie.length : tokens[i - 1]![0]![0]!.length),
          ]),
          notes: [
            `median (min–max) of ${runs} runs; first read = ${perRun} distinct sessions per run, each read once; repeated = one session read ${repeats}× (alternatives ${Math.ceil(repeats / 10)}×: no cache, same cost).`,
            `same session everywhere: ${sample.payload.tokens.accessToken.length} B access token, refresh token, ${sample.payload.tokens.scopes.length} scopes, the mock's user profile; ours includes parsing the Cookie header.`,
            `target ≥ 10× faster than Auth.js on first read: ${num(speedup)}× ${speedup >= 10 ? '(met)' : '(NOT met)'}.`,
          ],
        },
      ],
    };
  } finally {
    await mock.close();
  }
}
