// The app of the README's "The provider and your components" (examples/app.tsx) is this page's src/main.tsx.
import '../../app';
