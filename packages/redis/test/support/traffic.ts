import { sleep } from './records';

/** One answer seen by the traffic. */
export interface Outcome {
  /** When it was answered (performance.now()). */
  at: number;
  status: number;
  /** The `code` of an error body. */
  code?: string;
  /** Whether it deleted the session cookie (a sign-out). */
  clears: boolean;
}

const clearsSession = (response: Response) =>
  response.headers.getSetCookie().some((c) => /^livepush_session(\.\d+)?=;/.test(c) || /Max-Age=0/.test(c));

async function outcome(send: () => Promise<Response>): Promise<Outcome> {
  const response = await send();
  const body =
    response.status === 200 ? undefined : ((await response.json().catch(() => ({}))) as { code?: string });
  if (response.status === 200) await response.body?.cancel();
  return {
    at: performance.now(),
    status: response.status,
    ...(body?.code ? { code: body.code } : {}),
    clears: clearsSession(response),
  };
}

/**
 * Sends each of `requests` over and over (one loop each, 20 ms apart) and records every answer, until
 * `done(log)` holds or `timeoutMs` passed. `during` runs while the traffic flows (e.g. kills a node).
 */
export async function traffic(options: {
  requests: readonly (() => Promise<Response>)[];
  during: () => Promise<void>;
  done: (log: readonly Outcome[]) => boolean;
  timeoutMs: number;
}): Promise<Outcome[]> {
  const log: Outcome[] = [];
  const until = performance.now() + options.timeoutMs;
  let stop = false;
  const loops = options.requests.map(async (send) => {
    while (!stop && performance.now() < until) {
      log.push(await outcome(send));
      if (options.done(log)) stop = true;
      await sleep(20);
    }
  });
  await options.during();
  await Promise.all(loops);
  return log;
}

/** After `since`: the first failure, the last one, and the first success after it (all later ones succeeded). */
export function outage(log: readonly Outcome[], since: number) {
  const after = log.filter((o) => o.at >= since);
  const failures = after.filter((o) => o.status !== 200);
  const last = failures.at(-1);
  const recovered = last ? after.find((o) => o.at > last.at && o.status === 200) : undefined;
  return {
    failures,
    firstFailureMs: failures[0] ? failures[0].at - since : undefined,
    recoveredMs: recovered ? recovered.at - since : undefined,
    /** Successes in a row at the end of the log. */
    trailingSuccesses: after.length - 1 - after.findLastIndex((o) => o.status !== 200),
  };
}
