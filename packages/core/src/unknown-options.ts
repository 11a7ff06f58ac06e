/**
 * Unknown option keys, reported with the option that was probably meant. A misspelt option would
 * otherwise be ignored without a word (`scpoes` → the default scopes), which is the worst kind of
 * configuration bug: nothing fails, the app just behaves differently.
 */

/**
 * Every key of an options type, as a value. Declare each list with
 * `satisfies { [K in keyof Required<T>]: true }`: an option added to the type and not here fails to compile.
 * @internal
 */
export type OptionNames = Readonly<Record<string, true>>;

/** Letters only, lower case: `redirect_uri`, `RedirectURI` and `redirectUri` are one name. */
const loose = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions (`scpoes` → `scopes` is 1). */
function distance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0]!.push(j);
        continue;
      }
      const row = rows[i]!;
      const above = rows[i - 1]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      row.push(best);
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The known name `name` most likely stands for, or `undefined`: the same name in another spelling
 * (case, `_`, `-`), a known name it begins (`timeout` → `timeoutMs`), or one a couple of typos away.
 * @internal
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const wanted = loose(name);
  const exact = known.find((candidate) => loose(candidate) === wanted);
  if (exact !== undefined) return exact;
  if (wanted.length >= 4) {
    const extended = known.find((candidate) => loose(candidate).startsWith(wanted));
    if (extended !== undefined) return extended;
  }
  let best: string | undefined;
  // Longer names may carry more typos and stay unambiguous (`trustProxies` → `trustProxy` is 3).
  let bestDistance = wanted.length >= 10 ? 3 : wanted.length >= 5 ? 2 : 1;
  for (const candidate of known) {
    const d = distance(wanted, loose(candidate));
    if (d <= bestDistance && (best === undefined || d < bestDistance)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * One problem line per key of `value` that `known` does not list (`ignore` aside), each with a
 * "did you mean" when a known name is close. `group` prefixes the names (`session.`).
 * @internal
 */
export function unknownOptionProblems(
  value: object,
  known: OptionNames,
  { group = '', ignore = [] }: { group?: string; ignore?: readonly string[] } = {},
): string[] {
  const names = Object.keys(known);
  return Object.keys(value)
    .filter((key) => !Object.hasOwn(known, key) && !ignore.includes(key))
    .map((key) => {
      const shown = JSON.stringify(`${group}${key}`.slice(0, 60));
      const meant = closestName(key, names);
      if (meant !== undefined) return `unknown option ${shown}: did you mean "${group}${meant}"?`;
      return group === ''
        ? `unknown option ${shown} (it would be ignored); the README lists every option.`
        : `unknown option ${shown} (it would be ignored); ${group.slice(0, -1)} takes ${names.join(', ')}.`;
    });
}
