import posthog from 'posthog-js';

let started = false;

export function initAnalytics(key: string) {
  if (started || !key) return;
  posthog.init(key, {
    api_host: 'https://us.i.posthog.com',
    capture_pageview: true,
    persistence: 'localStorage+cookie',
    session_recording: { maskAllInputs: false }, // LEAK(exposure): session replay records what patients type into the intake form
  });
  started = true;
}

export function logEvent(name: string, p: Record<string, unknown> = {}) {
  posthog.capture(name, p);
}

export function identifyPatient(p: { id: string; email?: string; firstName?: string; lastName?: string }) {
  posthog.identify(p.id, { email: p.email, name: [p.firstName, p.lastName].filter(Boolean).join(' ') }); // LEAK(exposure): patient email and name to PostHog
}
