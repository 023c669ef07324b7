import { createCookieSessionStorage, redirect } from '@remix-run/node';

export const sessionStorage = createCookieSessionStorage({
  cookie: {
    name: '__skinsight',
    httpOnly: true,
    secure: true,
    sameSite: 'lax',
    path: '/',
    secrets: [process.env.SESSION_SECRET ?? 'dev-secret'],
    maxAge: 60 * 60 * 24 * 30, // LEAK(session): dermatologist session cookie lasts 30 days
  },
});

export type Staff = { id: number; name: string; role: 'derm' | 'pcp' | 'coordinator' | 'admin' };

export async function getSession(request: Request) {
  return sessionStorage.getSession(request.headers.get('Cookie'));
}

export async function requireStaff(request: Request): Promise<Staff> {
  const session = await getSession(request);
  const staff = session.get('staff') as Staff | undefined;
  if (!staff) throw redirect(`/login?next=${encodeURIComponent(new URL(request.url).pathname)}`);
  return staff;
}
