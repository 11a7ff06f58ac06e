import { commandCalls, SESSION_STORE_COMMANDS } from '@livepush/test-support';

/** The commands a store sends for sessions and their index (what INFO commandstats counts per request, calls inside scripts included). */
const DATA_COMMANDS = SESSION_STORE_COMMANDS;

export type CommandCounts = Record<(typeof DATA_COMMANDS)[number], number>;

/** The store's commands run so far, summed over the servers on `ports` (primaries only: replicas count replication). */
export async function storeCommands(ports: readonly number[]): Promise<CommandCounts> {
  const counts = Object.fromEntries(DATA_COMMANDS.map((c) => [c, 0])) as CommandCounts;
  for (const port of ports) {
    const calls = await commandCalls(port);
    for (const command of DATA_COMMANDS) counts[command] += calls.get(command) ?? 0;
  }
  return counts;
}

/** What ran while `action` did (commands with a count of 0 left out). */
export async function commandsDuring(
  ports: () => Promise<readonly number[]>,
  action: () => Promise<unknown>,
): Promise<Partial<CommandCounts>> {
  const before = await storeCommands(await ports());
  await action();
  const after = await storeCommands(await ports());
  return Object.fromEntries(
    DATA_COMMANDS.map((c) => [c, after[c] - before[c]] as const).filter(([, n]) => n !== 0),
  );
}
