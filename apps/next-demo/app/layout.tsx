import '@livepush/demo-shared/styles.css';
import { LivepushAuthProvider } from '@livepush/auth-next/client';
import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { auth } from '../lib/livepush';

export const metadata: Metadata = { title: 'Livepush Auth · Next.js' };

/**
 * Every page here depends on the session, and its forms must work without JavaScript: render each one
 * whole on the server (a blocking route), rather than a prerendered shell whose session parts stream in
 * through a script.
 */
export const instant = false;

/**
 * The session from the server (never a token) for the Client Components: the first HTML is already
 * signed in.
 */
async function WithSession({ children }: { children: ReactNode }) {
  const session = await auth();
  return (
    <LivepushAuthProvider initialSession={session ?? { authenticated: false }} readErrorFromUrl={false}>
      {children}
    </LivepushAuthProvider>
  );
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header>
          <h1>
            Livepush Auth <span>· Next.js</span>
          </h1>
          <nav aria-label="Main">
            <Link href="/" prefetch={false}>
              Home
            </Link>{' '}
            <Link href="/streams" prefetch={false}>
              Streams
            </Link>
          </nav>
        </header>
        <WithSession>
          <main>{children}</main>
        </WithSession>
      </body>
    </html>
  );
}
