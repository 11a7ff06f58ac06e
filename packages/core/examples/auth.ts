// Your app's `createLivepushAuth(…)` (here the server example's), as the README's snippets import it.
export { auth } from './server';
