import * as Sentry from '@sentry/sveltekit';
import { env } from '$env/dynamic/public';

Sentry.init({
  dsn: env.PUBLIC_SENTRY_DSN,
  integrations: [Sentry.replayIntegration({ maskAllText: false, blockAllMedia: false })], // LEAK(logging): session replay records growth charts and guardian details unmasked
  replaysSessionSampleRate: 0.05,
  replaysOnErrorSampleRate: 1.0
});

export const handleError = Sentry.handleErrorWithSentry();
