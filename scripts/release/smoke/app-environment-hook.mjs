// A Node module hook for the release smoke test: `$app/*` are SvelteKit's virtual modules.
export async function resolve(specifier, context, next) {
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
