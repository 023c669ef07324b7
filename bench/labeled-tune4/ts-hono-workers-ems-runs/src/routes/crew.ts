import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv, Crew } from '../env';
import { issueSession, requireCrew } from '../lib/auth';
import { logEvent } from '../lib/log';

export const crew = new Hono<AppEnv>();

crew.post('/login', async (c) => {
  const { email, password } = await c.req.json<{ email: string; password: string }>();
  const row = await c.env.DB.prepare('SELECT id, email, cert_level, pass_hash FROM crew WHERE email = ?').bind(email).first<Record<string, string>>();
  if (!row || !(await checkPassword(password, row.pass_hash))) {
    logEvent('warn', 'crew login failed', { email }); // SAFE(logging): workforce email, not patient data
    throw new HTTPException(401, { message: 'invalid credentials' });
  }
  const member: Crew = { id: Number(row.id), email: row.email, role: row.cert_level === 'P' ? 'paramedic' : 'emt' };
  await issueSession(c, member);
  return c.json({ ok: true });
});

crew.get('/me', requireCrew, (c) => c.json(c.get('crew')));

async function checkPassword(password: string, stored: string): Promise<boolean> {
  const [saltB64, hashB64] = stored.split('$');
  const salt = Uint8Array.from(atob(saltB64), (ch) => ch.charCodeAt(0));
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 210000 }, base, 256);
  return btoa(String.fromCharCode(...new Uint8Array(bits))) === hashB64;
}
