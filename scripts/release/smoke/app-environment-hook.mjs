// A Node module hook for the release smoke test: `$app/*` are SvelteKit's virtual modules, and
// `next/server`, `next/headers`, `next/navigation` are what Next.js' bundlers resolve (Next.js has no
// `exports` map, so plain Node needs the file name).
export async function resolve(specifier, context, next) {
  if (/^next\/(server|headers|navigation)$/.test(specifier)) return next(`${specifier}.js`, context);
  if (specifier === '$app/environment') {
    return {
      shortCircuit: true,
      url: 'data:text/javascript,export const building = false, dev = false, browser = false, version = "smoke";',
    };
  }
  if (specifier === '$app/navigation') {
    return {
      shortCircuit: true,
      url: 'data:text/javascript,export const goto = async () => {}, invalidateAll = async () => {};',
    };
  }
  return next(specifier, context);
}
