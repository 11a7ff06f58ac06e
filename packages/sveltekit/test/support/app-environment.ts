// Stands in for SvelteKit's `$app/environment` in tests (ES module bindings are live: flipping works).
export const browser = false;
export const dev = true;
export let building = false;
export const version = 'test';

/** Simulates `vite build` / prerendering for the next requests. */
export function setBuilding(value: boolean): void {
  building = value;
}
