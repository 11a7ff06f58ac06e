import type { Cluster, Redis } from 'ioredis';

/** Housekeeping ioredis sends by itself (slot map refreshes, ready checks): not the store's requests. */
const HOUSEKEEPING = new Set(['cluster', 'info', 'client', 'role', 'ping']);

/** The command names in one socket write (RESP arrays of bulk strings, one per command). */
function commandNames(chunk: string): string[] {
  const names: string[] = [];
  let at = 0;
  while (at < chunk.length && chunk[at] === '*') {
    const lineEnd = chunk.indexOf('\r\n', at);
    const count = Number(chunk.slice(at + 1, lineEnd));
    at = lineEnd + 2;
    for (let i = 0; i < count; i++) {
      const headerEnd = chunk.indexOf('\r\n', at);
      const length = Number(chunk.slice(at + 1, headerEnd));
      if (i === 0) names.push(chunk.slice(headerEnd + 2, headerEnd + 2 + length).toLowerCase());
      at = headerEnd + 2 + length + 2;
    }
  }
  return names;
}

/** What a client sent while watched. */
export interface SentRequests {
  /** Socket writes: each is one round trip (ioredis writes a pipeline — a command and its WAIT — at once). */
  readonly roundTrips: number;
  /** The commands, in order (`get`, `evalsha`, `wait`…). */
  readonly commands: readonly string[];
  stop(): void;
}

/** Watches what `client` writes to its open connections from now on, ioredis' housekeeping left out. */
export function watchRequests(client: Redis | Cluster): SentRequests {
  let roundTrips = 0;
  const commands: string[] = [];
  const connections = client.isCluster ? (client as Cluster).nodes() : [client as Redis];
  // Connections not opened yet have no socket (and are not used by what is measured).
  const restore = connections.flatMap((connection) => {
    const stream = connection.stream;
    if (!stream) return [];
    const write = stream.write;
    stream.write = function (this: typeof stream, chunk: unknown, ...rest: unknown[]) {
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('latin1') : '';
      const names = commandNames(text).filter((name) => !HOUSEKEEPING.has(name));
      if (names.length > 0) {
        roundTrips++;
        commands.push(...names);
      }
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof stream.write;
    return [
      () => {
        stream.write = write;
      },
    ];
  });
  return {
    get roundTrips() {
      return roundTrips;
    },
    commands,
    stop: () => {
      for (const undo of restore) undo();
    },
  };
}
