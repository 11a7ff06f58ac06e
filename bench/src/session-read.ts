import { authjsCodec, joseCodec, type SessionCodec } from './alternatives';
import type { BenchContext, BenchResult } from './benchmark';
import { appRequest, createAuth, SECRET, startMock } from './fixture';
import { gcmFloor } from './floor';
import { sessions } from './session-pool';
import { medianRange, num, type Spread, spread } from './stats';
import { microsPerOp, microsPerOpSync } from './timing';

const PATH = '/dashboard';

/** The targets for a first read (paired ratios; printed, never asserted). */
const TARGETS = { authjs: 25, jose: 4, floor: 2 };

/** The sealed value of a session `Cookie` header (`livepush_session=v1.…`). */
const sealedValue = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);

/**
 * 1. Session read on the request path: our `getSession(request)` (cookie parsing, AES-256-GCM open,
 * record check, summary) vs Auth.js `decode` and a jose A256GCM decrypt of the same session, and the
 * floor: a bare synchronous AES-256-GCM open + `JSON.parse` of the very bytes our cookie holds.
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
    const floor = gcmFloor(SECRET);

    // Every implementation reads the same sessions, run for run.
    const batches = Array.from({ length: runs + 1 }, (_, run) =>
      pool.slice(run * perRun, (run + 1) * perRun),
    );
    const tokens = await Promise.all(
      codecs.map((codec) =>
        Promise.all(batches.map((batch) => Promise.all(batch.map((s) => codec.encode(s.payload))))),
      ),
    );
    const sealed = batches.map((batch) => batch.map((s) => sealedValue(s.cookie)));

    // Answers must be right before they are fast.
    const sample = batches[0]![0]!;
    const summary = await auth.getSession(appRequest(PATH, sample.cookie));
    if (summary?.authenticated !== true || summary.scopes.length !== sample.payload.tokens.scopes.length)
      failures.push('session-read: getSession did not return the minted session');
    const accessTokenOf = (value: unknown) => (value as { tokens?: { accessToken?: string } } | null)?.tokens;
    for (const [c, codec] of codecs.entries()) {
      if (
        accessTokenOf(await codec.decode(tokens[c]![0]![0]!))?.accessToken !==
        sample.payload.tokens.accessToken
      )
        failures.push(`session-read: ${codec.name} did not return the session`);
    }
    const floorOpened = floor.open(sealed[0]![0]!) as { p?: { r?: unknown } };
    if (accessTokenOf(floorOpened.p?.r)?.accessToken !== sample.payload.tokens.accessToken)
      failures.push('session-read: the floor did not open our cookie');

    // Rows: ours, the alternatives, the floor.
    const first: number[][] = [[], [], [], []];
    const repeated: number[][] = [[], [], [], []];
    const FLOOR = 3;
    // Run 0 warms up (JIT, key derivation); runs alternate implementations to share the noise.
    for (let run = 0; run <= runs; run++) {
      const requests = batches[run]!.map((s) => appRequest(PATH, s.cookie));
      const values = sealed[run]!;
      const ours = await microsPerOp(perRun, (i) => auth.getSession(requests[i]!));
      const alts = [];
      for (const [c, codec] of codecs.entries())
        alts.push(await microsPerOp(perRun, (i) => codec.decode(tokens[c]![run]![i]!)));
      const bare = microsPerOpSync(perRun, (i) => floor.open(values[i]!));
      const same = requests[0]!;
      const oursAgain = await microsPerOp(repeats, () => auth.getSession(same));
      const altsAgain = [];
      for (const [c, codec] of codecs.entries()) {
        const token = tokens[c]![run]![0]!;
        altsAgain.push(await microsPerOp(Math.ceil(repeats / 10), () => codec.decode(token)));
      }
      const bareAgain = microsPerOpSync(Math.ceil(repeats / 10), () => floor.open(values[0]!));
      if (run === 0) continue;
      first[0]!.push(ours);
      repeated[0]!.push(oursAgain);
      for (let c = 0; c < codecs.length; c++) {
        first[c + 1]!.push(alts[c]!);
        repeated[c + 1]!.push(altsAgain[c]!);
      }
      first[FLOOR]!.push(bare);
      repeated[FLOOR]!.push(bareAgain);
      progress(`session-read: run ${run}/${runs}`);
    }

    const names = ['Livepush getSession(request)', ...codecs.map((c) => c.name), floor.name];
    const firstS = first.map(spread);
    const againS = repeated.map(spread);
    // Paired: each run's figure ÷ another's in the same run (noise of the moment cancels), then the median.
    const paired = (values: number[][], i: number, base: number): Spread =>
      spread(values[i]!.map((v, run) => v / values[base]![run]!));
    const ratio = (values: number[][], i: number, base = 0) =>
      i === base ? '1×' : `${medianRange(paired(values, i, base))}×`;
    const overAuthjs = paired(first, 1, 0).median;
    const overJose = paired(first, 2, 0).median;
    const overFloor = paired(first, 0, FLOOR).median;
    const verdict = (met: boolean) => (met ? '(met)' : '(NOT met)');
    return {
      failures,
      tables: [
        {
          title: '1. Session read on the request path (µs/op, lower is better)',
          columns: [
            'implementation',
            'first read µs/op',
            'alt ÷ ours (paired)',
            '÷ floor (paired)',
            'repeated read µs/op',
            'alt ÷ ours (paired)',
            'input bytes',
          ],
          rows: names.map((name, i) => [
            name,
            medianRange(firstS[i]!),
            ratio(first, i),
            ratio(first, i, FLOOR),
            medianRange(againS[i]!),
            ratio(repeated, i),
            String(
              i === 0
                ? sample.cookie.length
                : i === FLOOR
                  ? sealed[0]![0]!.length
                  : tokens[i - 1]![0]![0]!.length,
            ),
          ]),
          notes: [
            `median (min–max) of ${runs} runs; first read = ${perRun} distinct sessions per run, each read once; repeated = one session read ${repeats}× (alternatives and floor ${Math.ceil(repeats / 10)}×: no cache, same cost).`,
            `same session everywhere: ${sample.payload.tokens.accessToken.length} B access token, refresh token, ${sample.payload.tokens.scopes.length} scopes, the mock's user profile; ours includes parsing the Cookie header.`,
            'floor = base64url decode, one synchronous node:crypto AES-256-GCM open and JSON.parse of the sealed value our cookie holds (key derived once), with no Request, cookie parsing, checks or cache around it: the least any cookie session can cost on this machine.',
            `target ≥ ${TARGETS.authjs}× faster than Auth.js on first read: ${num(overAuthjs)}× ${verdict(overAuthjs >= TARGETS.authjs)}; ≥ ${TARGETS.jose}× faster than jose: ${num(overJose)}× ${verdict(overJose >= TARGETS.jose)}; within ${TARGETS.floor}× the floor: ${num(overFloor)}× ${verdict(overFloor <= TARGETS.floor)}.`,
          ],
        },
      ],
    };
  } finally {
    await mock.close();
  }
}
