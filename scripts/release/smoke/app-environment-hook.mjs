// A Node module hook for the release smoke test: `$app/*` are SvelteKit's virtual modules.
export async function resolve(specifier, context, next) {
  if (specifier === '$app/environment') {
    return {
      shortCircuit: true,
      url: 'data:text/javascript,export const building = false, dev = false, browser = false, version = "smoke";',
    };
  }
  return next(specifier, context);
}
