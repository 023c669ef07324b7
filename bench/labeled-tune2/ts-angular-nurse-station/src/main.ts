import { bootstrapApplication } from '@angular/platform-browser';
import * as Sentry from '@sentry/angular';
import { AppComponent } from './app/app.component';
import { appConfig } from './app/app.config';
import { environment } from './environments/environment.prod';

Sentry.init({
  dsn: environment.sentryDsn,
  environment: 'production',
  tracesSampleRate: 0.2,
  replaysSessionSampleRate: 0.1,
  replaysOnErrorSampleRate: 1.0,
  integrations: [
    Sentry.browserTracingIntegration(),
    Sentry.replayIntegration({ maskAllText: false, blockAllMedia: false }), // LEAK(logging): session replays record unmasked census, vitals and MAR screens
  ],
});

bootstrapApplication(AppComponent, appConfig).catch((err) => console.error(err));
