import { RemixBrowser, useLocation, useMatches } from '@remix-run/react';
import * as Sentry from '@sentry/remix';
import { init as initFullStory } from '@fullstory/browser';
import { startTransition, StrictMode, useEffect } from 'react';
import { hydrateRoot } from 'react-dom/client';

Sentry.init({
  dsn: window.ENV?.SENTRY_DSN,
  tracesSampleRate: 0.2,
  replaysSessionSampleRate: 0.1,
  replaysOnErrorSampleRate: 1.0,
  integrations: [
    Sentry.browserTracingIntegration({ useEffect, useLocation, useMatches }),
    Sentry.replayIntegration({ maskAllText: false, blockAllMedia: false }), // LEAK(logging): session replay records unmasked case pages and lesion photos
  ],
});

initFullStory({ orgId: window.ENV?.FULLSTORY_ORG ?? '' });

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});

declare global {
  interface Window {
    ENV?: { SENTRY_DSN?: string; FULLSTORY_ORG?: string };
  }
}
