/** Browser-side state for the clinic and parent portal: persisted drafts and product analytics. */
import { browser } from '$app/environment';
import { writable } from 'svelte/store';
import posthog from 'posthog-js';
import { env } from '$env/dynamic/public';

export type WellChildDraft = {
  patientId: string;
  childName: string;
  ageMonths: number;
  weightKg?: number;
  lengthCm?: number;
  milestones: Record<string, boolean>;
  parentConcerns: string;
};

const KEY = 'oaks.wellchild.draft';

function persisted(initial: WellChildDraft | null) {
  const start = browser ? JSON.parse(localStorage.getItem(KEY) ?? 'null') ?? initial : initial;
  const store = writable<WellChildDraft | null>(start);
  store.subscribe((value) => {
    if (!browser) return;
    if (value) localStorage.setItem(KEY, JSON.stringify(value)); // LEAK(storage): well-child draft (name, measurements, concerns) persisted to localStorage
    else localStorage.removeItem(KEY);
  });
  return store;
}

export const wellChildDraft = persisted(null);

export const activeVisit = writable<string | null>(browser ? sessionStorage.getItem('oaks.visit') : null);
activeVisit.subscribe((id) => {
  if (browser && id) sessionStorage.setItem('oaks.visit', id); // SAFE(storage): only the visit's surrogate id
});

let started = false;

export function startAnalytics() {
  if (started) return;
  posthog.init(env.PUBLIC_POSTHOG_KEY, { api_host: 'https://us.i.posthog.com', autocapture: false, capture_pageview: false });
  started = true;
}

export function identifyGuardian(guardianId: string, child: { name: string; birthDate: string }) {
  posthog.identify(guardianId, { child_name: child.name, child_dob: child.birthDate }); // LEAK(exposure): child's name and DOB set as PostHog person properties
}

export function trackPortalView(section: 'home' | 'forms' | 'growth') {
  posthog.capture('portal_view', { section }); // SAFE(exposure): section name only, pageview autocapture off
}
