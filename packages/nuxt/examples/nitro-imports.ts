// What `#imports` holds for the examples' server/ files in an app (Nitro generates it): here, the two
// the Nitro plugin example uses. Mapped by tsconfig.test.json's `paths`.
export { defineNitroPlugin } from 'nitropack/runtime';
export { configureLivepushServer } from '../src/runtime/server/instance';
