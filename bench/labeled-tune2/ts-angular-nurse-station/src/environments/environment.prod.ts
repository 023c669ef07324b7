export const environment = {
  production: true,
  apiBase: 'http://nurse-bff.stlukes-regional.org/api', // LEAK(transmission): ward data fetched over plain HTTP
  sentryDsn: 'https://8c1f0b5e2d7a4c39b6e1f04a9d2c7e55@o451207.ingest.sentry.io/5523817',
  idleLogoutMinutes: 240, // LEAK(session): workstation stays signed in through four idle hours
  wardRefreshSeconds: 60,
};
