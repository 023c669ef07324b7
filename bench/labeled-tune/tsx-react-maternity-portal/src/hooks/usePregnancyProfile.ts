import { useQuery } from '@tanstack/react-query';
import * as Sentry from '@sentry/react';
import posthog from 'posthog-js';
import { getProfile, PregnancyProfile } from '../api/client';
import { analyticsId } from '../lib/telemetry';

const CACHE_KEY = 'bloom.profile';

function readCached(): PregnancyProfile | undefined {
  const raw = localStorage.getItem(CACHE_KEY);
  return raw ? (JSON.parse(raw) as PregnancyProfile) : undefined;
}

export function usePregnancyProfile() {
  return useQuery({
    queryKey: ['pregnancy-profile'],
    initialData: readCached,
    queryFn: async () => {
      const data = await getProfile();
      localStorage.setItem(CACHE_KEY, JSON.stringify(data)); // LEAK(storage): full pregnancy profile cached in localStorage
      Sentry.setUser({ id: data.id, email: data.email, username: `${data.firstName} ${data.lastName}` }); // LEAK(logging): patient email and name on Sentry user
      Sentry.setContext('pregnancy', { dueDate: data.dueDate, highRisk: data.highRisk, conditions: data.conditions }); // LEAK(logging): pregnancy details attached to Sentry events
      posthog.identify(analyticsId(data.email), { due_date: data.dueDate, high_risk: data.highRisk, clinic: data.provider.clinic }); // LEAK(exposure): due date and risk status sent to PostHog
      document.cookie = `bloom_edd=${data.dueDate}; path=/; max-age=31536000`; // LEAK(storage): due date in a long-lived readable cookie
      return data;
    },
    staleTime: 60_000,
  });
}
