// What `svelte-kit sync` generates in an app for `$env/dynamic/private` (here only so the examples compile).
declare module '$env/dynamic/private' {
  export const env: Record<string, string | undefined>;
}
