/** Where the store's errors go. */
export interface Reporter {
  /** Reports `error`, one of a streak of `kind` (with the default `onError`, only the first is printed). */
  report(kind: string, error: Error): void;
  /** The streak of `kind` is over (an operation succeeded): its next error is printed again. */
  clear(kind: string): void;
}

/** How many characters of an error message the default report keeps. */
const MAX_MESSAGE = 300;

/**
 * Reports to `onError` when given (every error, as it happens), else to `console.error`: the first
 * error of each streak of a kind, then nothing of that kind until its streak is cleared. Only
 * messages are printed — never the error object, whose fields may hold a command's arguments.
 */
export function createReporter(onError: ((error: Error) => void) | undefined): Reporter {
  if (onError) return { report: (_, error) => onError(error), clear() {} };
  const active = new Set<string>();
  return {
    report(kind, error) {
      if (active.has(kind)) return;
      active.add(kind);
      console.error(
        `[@livepush/auth-redis] ${error.message.slice(0, MAX_MESSAGE)} (not logged again until this clears up)`,
      );
    },
    clear(kind) {
      active.delete(kind);
    },
  };
}
