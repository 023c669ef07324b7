import * as Sentry from '@sentry/react';
import { datadogLogs } from '@datadog/browser-logs';
import posthog from 'posthog-js';
import MD5 from 'crypto-js/md5';

export function initTelemetry() {
  Sentry.init({ dsn: import.meta.env.VITE_SENTRY_DSN, tracesSampleRate: 0.1, replaysSessionSampleRate: 0 });
  datadogLogs.init({ clientToken: import.meta.env.VITE_DD_CLIENT_TOKEN, site: 'datadoghq.com', forwardErrorsToLogs: true, sessionSampleRate: 100 });
  posthog.init(import.meta.env.VITE_POSTHOG_KEY, { api_host: 'https://us.i.posthog.com', autocapture: false, persistence: 'memory' });
}

export const log = datadogLogs.logger;

export function analyticsId(email: string): string {
  return MD5(email.trim().toLowerCase()).toString(); // LEAK(crypto): unsalted MD5 of patient email used as an identifier
}

export function track(event: string, props: Record<string, unknown> = {}) {
  posthog.capture(event, props);
}

export function gaEvent(name: string, params: Record<string, unknown>) {
  window.gtag?.('event', name, params);
}

declare global {
  interface Window {
    gtag?: (...args: unknown[]) => void;
  }
}
