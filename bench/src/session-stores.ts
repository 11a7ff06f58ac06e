import type { SessionStore } from '@livepush/auth-core/server';
import { createMemoryStore } from '@livepush/auth-core/server';
import { createRedisStore, type RedisSessionStore } from '@livepush/auth-redis';
import {
  commandCalls,
  SESSION_STORE_COMMANDS,
  startRedisCluster,
  startRedisServer,
} from '@livepush/test-support';
import type { BenchContext, BenchResult } from './benchmark';
import { appRequest, createAuth, SECRET, signIn, startMock } from './fixture';
import { type LoadResult, load } from './load';
import { medianRange, num, spread } from './stats';

const PATH = '/auth/session';
const API_PATH = '/auth/api/streams/streams/mine';
const CONCURRENCY = 32;
const HOUR_MS = 3600_000;
/** The commands the store sends (INFO commandstats also counts those a script runs, the user index's included). */
const STORE_COMMANDS: readonly string[] = SESSION_STORE_COMMANDS;

interface Side {
  name: string;
  store: SessionStore;
  /** The Redis servers whose INFO commandstats count the store's commands (primaries), if any. */
  ports: () => Promise<number[]>;
}

/** The store's commands run so far on `ports`, by name. */
async function commands(ports: readonly number[]): Promise<Map<string, number>> {
  const total = new Map<string, number>();
  for (const port of ports)
    for (const [name, calls] of await commandCalls(port))
      if (STORE_COMMANDS.includes(name)) total.set(name, (total.get(name) ?? 0) + calls);
  return total;
}

const sum = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

/** What ran on `ports` while `action` did: a total and a "get 4, evalsha 2" breakdown. */
async function commandsDuring(side: Side, action: () => Promise<unknown>) {
  const ports = await side.ports();
  const before = await commands(ports);
  await action();
  const after = await commands(ports);
  const delta = new Map(
    STORE_COMMANDS.map((name) => [name, (after.get(name) ?? 0) - (before.get(name) ?? 0)]),
  );
  const breakdown = [...delta]
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${name.toUpperCase()} ${n}`)
    .join(' + ');
  return { total: sum(delta), breakdown };
}

/**
 * 7. Session stores: `GET /auth/session` with a store session through `auth.handler`, the same load
 * on the in-memory store, one Redis and a Redis Cluster (3 primaries, 3 replicas) side by side, plus
 * what each request costs Redis (INFO commandstats deltas): a session read, and one refresh.
 */
export async function sessionStores({ quick, progress }: BenchContext): Promise<BenchResult> {
  const sliceMs = quick ? 250 : 500;
  const slices = quick ? 2 : 6;
  const failures: string[] = [];
  const mock = await startMock();
  const redis = await startRedisServer();
  const cluster = await startRedisCluster();
  progress(`session-stores: Redis and a 6-node cluster up (cluster in ${num(cluster.startupMs)} ms)`);
  const redisStores: RedisSessionStore[] = [];
  const redisStore = (options: { url: string } | { cluster: readonly string[] }) => {
    const store = createRedisStore({ ...options, encrypt: { secret: SECRET } });
    redisStores.push(store);
    return store;
  };
  try {
    const sides: Side[] = [
      { name: 'in-memory store (createMemoryStore)', store: createMemoryStore(), ports: async () => [] },
      {
        name: 'one Redis (createRedisStore({ url }))',
        store: redisStore({ url: redis.url }),
        ports: async () => [redis.port],
      },
      {
        name: 'Redis Cluster, 3 primaries + 3 replicas (createRedisStore({ cluster }))',
        store: redisStore({ cluster: cluster.urls }),
        ports: async () => (await cluster.primaries()).map((node) => node.port),
      },
    ];
    const runs = new Map<Side, LoadResult[]>(sides.map((side) => [side, []]));
    const refreshCost = new Map<Side, string>();
    const senders = new Map<Side, () => Promise<boolean>>();
    for (const side of sides) {
      const auth = createAuth(mock.endpoints, { store: side.store });
      const cookie = await signIn(auth);
      const measured = await signIn(auth); // another session, for the refresh measured below
      const send = async () => {
        const response = await auth.handler(appRequest(PATH, cookie));
        const body = (await response.json()) as { authenticated?: boolean };
        return response.status === 200 && body.authenticated === true;
      };
      if (!(await send())) failures.push(`session-stores: ${side.name}: the session does not read back`);
      senders.set(side, send);
      await load(sliceMs, CONCURRENCY, send); // warm-up
      if (side.name.startsWith('in-memory')) continue;
      // One refresh (a clock 2 h ahead), measured once Redis knows the scripts (the first one teaches it).
      const due = createAuth(mock.endpoints, { store: side.store, now: () => Date.now() + 2 * HOUR_MS });
      const refresh = async (session: string) => {
        const response = await due.handler(appRequest(API_PATH, session));
        if (response.status !== 200)
          failures.push(`session-stores: ${side.name}: a refresh answered ${response.status}`);
        await response.arrayBuffer();
      };
      await refresh(cookie);
      const { total, breakdown } = await commandsDuring(side, () => refresh(measured));
      refreshCost.set(side, `${total} (${breakdown})`);
    }
    for (let slice = 1; slice <= slices; slice++) {
      // Rotate which side goes first, so none always follows another.
      const order = sides.map((_, i) => sides[(i + slice) % sides.length]!);
      for (const side of order) runs.get(side)!.push(await load(sliceMs, CONCURRENCY, senders.get(side)!));
    }
    progress(`session-stores: ${slices} slices per store done`);
    // Commands per read under load: a whole slice's delta over its requests.
    const perRead = new Map<Side, string>();
    for (const side of sides.slice(1)) {
      let requests = 0;
      const { total } = await commandsDuring(side, async () => {
        requests = (await load(sliceMs, CONCURRENCY, senders.get(side)!)).requests;
      });
      perRead.set(side, num(total / requests));
      if (total !== requests)
        failures.push(
          `session-stores: ${side.name}: ${total} commands for ${requests} session reads (expected 1 each)`,
        );
    }
    for (const [side, results] of runs) {
      const errors = results.reduce((n, r) => n + r.errors, 0);
      if (errors > 0) failures.push(`session-stores: ${errors} failed requests with ${side.name}`);
    }
    // Paired: each slice against the in-memory slice of the same round.
    const memoryRuns = runs.get(sides[0]!)!;
    const share = (results: LoadResult[]) =>
      spread(results.map((r, i) => r.perSecond / memoryRuns[i]!.perSecond));
    return {
      failures,
      tables: [
        {
          title: `7. Session stores: GET ${PATH} through auth.handler, ${CONCURRENCY} concurrent, ${(sliceMs * slices) / 1000} s per store`,
          columns: [
            'store',
            'requests/s',
            '÷ in-memory (paired)',
            'p50',
            'p99',
            'Redis commands per read (INFO commandstats, a whole slice)',
            'Redis commands per refresh (INFO commandstats, calls inside scripts included)',
          ],
          rows: sides.map((side) => {
            const results = runs.get(side)!;
            const rps = spread(results.map((r) => r.perSecond));
            return [
              side.name,
              medianRange(rps),
              medianRange(share(results), '×'),
              medianRange(spread(results.map((r) => r.p50)), ' ms'),
              medianRange(spread(results.map((r) => r.p99)), ' ms'),
              perRead.get(side) ?? '—',
              refreshCost.get(side) ?? '—',
            ];
          }),
          notes: [
            `median (min–max) over ${slices} interleaved ${sliceMs} ms slices per store; in-process closed-loop load, every server on loopback on this machine (the cluster's six processes share its cores with the benchmark).`,
            "a session read is one round trip: one GET. A refresh is three: GET; EVALSHA taking the lock and reading the record (SET NX + GET inside); EVALSHA writing the new tokens, updating the user's session index (TIME + ZREMRANGEBYSCORE + ZADD + ZRANGE + PEXPIREAT) and releasing the lock (GET + SET + GET + DEL inside), sent together with WAIT 1 where the primary has a replica (the cluster). INFO commandstats counts the calls inside scripts too.",
            "the measured refresh comes 2 h after its sign-in, so the core first records the session's last use (at most once a minute): GET + EVALSHA (GET + SET + the index's 5 inside, WAIT 1 on the cluster) before the refresh. A session used within the minute refreshes without it.",
            'records are encrypted at rest (the default: encrypt: { secret }); the in-memory store holds objects.',
          ],
        },
      ],
    };
  } finally {
    await Promise.all(redisStores.map((store) => store.close()));
    await Promise.all([mock.close(), redis.stop(), cluster.stop()]);
  }
}
