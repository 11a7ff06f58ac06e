import { LivepushAuthProvider, type SessionPayload } from '@livepush/auth-react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import '@livepush/demo-shared/styles.css';

/** The session summary the server embedded in the page (never a token), so there is no loading flash. */
function embeddedSession(): SessionPayload | undefined {
  const text = document.getElementById('livepush-session')?.textContent;
  return text ? (JSON.parse(text) as SessionPayload) : undefined;
}

const initialSession = embeddedSession();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LivepushAuthProvider {...(initialSession ? { initialSession } : {})}>
      <App />
    </LivepushAuthProvider>
  </StrictMode>,
);
