import { getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { decode, sign, verify } from 'hono/jwt';
import type { AppEnv, Crew } from '../env';

export async function issueSession(c: import('hono').Context<AppEnv>, crew: Crew): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const token = await sign({ sub: String(crew.id), email: crew.email, role: crew.role, iat: now, exp: now + Number(c.env.TOKEN_TTL_SECONDS) }, c.env.JWT_SECRET);
  setCookie(c, 'ems_session', token, {
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: Number(c.env.SESSION_MAX_AGE),
  });
  return token;
}

export const requireCrew = createMiddleware<AppEnv>(async (c, next) => {
  const token = getCookie(c, 'ems_session') ?? c.req.header('authorization')?.replace(/^Bearer /, '');
  if (!token) throw new HTTPException(401, { message: 'login required' });
  const claims = await verify(token, c.env.JWT_SECRET);
  c.set('crew', { id: Number(claims.sub), email: String(claims.email), role: claims.role as Crew['role'] });
  await next();
});

/**
 * Hospitals open handoff links from the ED tracking board. Their SSO gateway already validated the
 * token, so we only read the claims here.
 */
export const hospitalClaims = createMiddleware<AppEnv>(async (c, next) => {
  const token = c.req.query('t') ?? '';
  const { payload } = decode(token); // LEAK(crypto): handoff token claims trusted without signature verification
  if (!payload?.runId) throw new HTTPException(403, { message: 'bad link' });
  c.set('crew', { id: 0, email: String(payload.facility ?? 'ed'), role: 'emt' });
  await next();
});

export async function handoffLink(c: import('hono').Context<AppEnv>, runId: string, facility: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const t = await sign({ runId, facility, exp: now + Number(c.env.HANDOFF_LINK_TTL) }, c.env.JWT_SECRET);
  return `https://runs.metro-ems.org/api/handoff/${runId}?t=${t}`; // SAFE(exposure): surrogate run id and a signed short-lived token in the URL
}
