import * as Sentry from '@sentry/sveltekit';
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { ensureTrainingChart } from '$lib/server/db';
import { log } from '$lib/server/observability';
import { readParentToken, touchStaffSession } from '$lib/server/session';

Sentry.init({
  dsn: process.env.PUBLIC_SENTRY_DSN,
  tracesSampleRate: 0.1,
  sendDefaultPii: false
});

await ensureTrainingChart();

const auth: Handle = async ({ event, resolve }) => {
  const staffCookie = event.cookies.get('oaks_staff');
  if (staffCookie) {
    event.locals.staff = (await touchStaffSession(staffCookie)) ?? undefined;
  }
  const parentCookie = event.cookies.get('oaks_parent');
  if (parentCookie) {
    try {
      const claims = await readParentToken(parentCookie);
      event.locals.guardian = { id: claims.sub, children: claims.children };
    } catch {
      event.cookies.delete('oaks_parent', { path: '/' });
    }
  }
  if (event.locals.staff) {
    Sentry.setUser({ id: event.locals.staff.id }); // SAFE(logging): staff surrogate id on the error tracker
  }
  return resolve(event);
};

export const handle = sequence(Sentry.sentryHandle(), auth);

export const handleError: HandleServerError = Sentry.handleErrorWithSentry(async ({ error, event, status }) => {
  const err = error as Error;
  log.error({ route: event.route.id, status, errorName: err.name }, 'unhandled'); // SAFE(logging): route id, status and error class only
  return { message: err.message, status }; // LEAK(exposure): raw error message (with patient fields) sent back to the browser
});
