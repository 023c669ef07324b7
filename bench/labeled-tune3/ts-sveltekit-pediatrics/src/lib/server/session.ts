import type { Cookies } from '@sveltejs/kit';
import { SignJWT, jwtVerify } from 'jose';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { env } from '$env/dynamic/private';
import { db } from './db';
import { staffSessions } from './db/schema';

const STAFF_IDLE_MS = 15 * 60 * 1000; // SAFE(session): staff sessions slide with a 15-minute idle limit
const parentSecret = new TextEncoder().encode(env.PARENT_JWT_SECRET);

export async function startStaffSession(cookies: Cookies, staffId: string) {
  const id = randomBytes(32).toString('base64url');
  const now = new Date();
  await db.insert(staffSessions).values({ id, staffId, lastSeen: now, expiresAt: new Date(now.getTime() + STAFF_IDLE_MS) });
  cookies.set('oaks_staff', id, { path: '/', httpOnly: true, secure: true, sameSite: 'strict' });
}

export async function touchStaffSession(id: string) {
  const [row] = await db.select().from(staffSessions).where(eq(staffSessions.id, id));
  if (!row || row.expiresAt < new Date()) return null;
  const now = new Date();
  await db.update(staffSessions).set({ lastSeen: now, expiresAt: new Date(now.getTime() + STAFF_IDLE_MS) }).where(eq(staffSessions.id, id));
  return { id: row.staffId };
}

/** Parents stay signed in on their phones so they do not have to re-verify before every visit. */
export async function issueParentToken(guardianId: string, childIds: string[]) {
  return new SignJWT({ children: childIds, role: 'guardian' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(guardianId)
    .setIssuedAt()
    .setExpirationTime('30d') // LEAK(session): guardian portal token valid for 30 days
    .sign(parentSecret);
}

export async function readParentToken(token: string) {
  const { payload } = await jwtVerify(token, parentSecret, { algorithms: ['HS256'] });
  return payload as { sub: string; children: string[] };
}

export function rememberParent(cookies: Cookies, token: string) {
  cookies.set('oaks_parent', token, { path: '/', httpOnly: true, secure: true, sameSite: 'lax', maxAge: 60 * 60 * 24 * 30 }); // LEAK(session): guardian cookie persists for 30 days
}
