import type { ActionFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form } from '@remix-run/react';
import { getSession, sessionStorage } from '../services/session.server';
import { log } from '../services/logger.server';

async function verifyStaff(email: string, password: string) {
  const res = await fetch(`${process.env.PUBLIC_URL}/idp/verify`, { method: 'POST', body: JSON.stringify({ email, password }) });
  return res.ok ? ((await res.json()) as { id: number; name: string; role: 'derm' | 'pcp' | 'coordinator' | 'admin' }) : null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const staff = await verifyStaff(String(form.get('email')), String(form.get('password')));
  if (!staff) {
    log.warn(`failed login for ${form.get('email')}`); // SAFE(logging): staff email, workforce data
    return json({ error: 'Invalid credentials' }, 401);
  }
  const session = await getSession(request);
  session.set('staff', staff);
  return redirect(String(new URL(request.url).searchParams.get('next') ?? '/cases'), {
    headers: { 'Set-Cookie': await sessionStorage.commitSession(session) },
  });
}

export default function Login() {
  return (
    <Form method="post">
      <input name="email" type="email" autoComplete="username" />
      <input name="password" type="password" autoComplete="current-password" />
      <button type="submit">Sign in</button>
    </Form>
  );
}
