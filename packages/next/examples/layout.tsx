// app/layout.tsx — the session from the server (never a token): the first HTML is already signed in.
import { LivepushAuthProvider } from '@livepush/auth-next/client';
import type { ReactNode } from 'react';
import { auth } from '@/lib/livepush';

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await auth();
  return (
    <html lang="en">
      <body>
        <LivepushAuthProvider initialSession={session ?? { authenticated: false }}>
          {children}
        </LivepushAuthProvider>
      </body>
    </html>
  );
}
