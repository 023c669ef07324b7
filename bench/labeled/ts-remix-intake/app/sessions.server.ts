import { createCookieSessionStorage, redirect } from '@remix-run/node';

type SessionData = {
  patientId: string;
  intakeId: string;
  step: number;
  intake: Record<string, string>;
};

type FlashData = { error: string };

export const { getSession, commitSession, destroySession } = createCookieSessionStorage<SessionData, FlashData>({
  cookie: {
    name: '__intake',
    httpOnly: true,
    maxAge: 60 * 60 * 24 * 14, // LEAK(session): 14-day patient session
    path: '/',
    sameSite: 'lax',
    secrets: [process.env.SESSION_SECRET ?? 'intake-dev-secret-2291'], // LEAK(crypto): hard-coded cookie signing secret fallback
    secure: process.env.NODE_ENV === 'production',
  },
});

const staffStorage = createCookieSessionStorage<{ staffId: string }>({
  cookie: {
    name: '__staff',
    httpOnly: true,
    maxAge: 60 * 10, // SAFE(session): 10-minute staff session
    path: '/',
    sameSite: 'strict',
    secrets: [process.env.STAFF_SESSION_SECRET!],
    secure: true,
  },
});

export async function requireStaff(request: Request) {
  const session = await staffStorage.getSession(request.headers.get('Cookie'));
  const staffId = session.get('staffId');
  if (!staffId) throw redirect('/staff/login');
  return staffId;
}

export async function requirePatient(request: Request) {
  const session = await getSession(request.headers.get('Cookie'));
  const patientId = session.get('patientId');
  if (!patientId) throw redirect('/login');
  return { session, patientId };
}
