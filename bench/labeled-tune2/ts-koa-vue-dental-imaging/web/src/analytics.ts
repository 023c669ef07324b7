import mixpanel from 'mixpanel-browser';

mixpanel.init(import.meta.env.VITE_MIXPANEL_TOKEN, { track_pageview: false, persistence: 'localStorage' });

export function identifyStaff(user: { id: string; email: string; role: string; officeId: string }) {
  mixpanel.identify(user.id);
  mixpanel.people.set({ $email: user.email, role: user.role, office: user.officeId }); // SAFE(exposure): workforce data, not patient data
}

export function logEvent(name: string, props: Record<string, unknown> = {}) {
  mixpanel.track(name, props);
}
