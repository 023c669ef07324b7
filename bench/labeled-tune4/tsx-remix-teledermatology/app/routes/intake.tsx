import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { jwtVerify, SignJWT } from 'jose';
import { useEffect, useState } from 'react';
import { Case } from '../entities/Case';
import { Patient } from '../entities/Patient';
import { Photo } from '../entities/Photo';
import { recordAudit } from '../services/audit.server';
import { em } from '../services/db.server';
import { storePhoto } from '../services/photos.server';

const secret = () => new TextEncoder().encode(process.env.SHARE_LINK_SECRET);

/** Front desk texts the patient a link; the patient has ten minutes to open it. */
export async function inviteToken(patientId: string) {
  return new SignJWT({ pid: patientId }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('10m').sign(secret()); // SAFE(session): ten-minute upload invitation
}

export async function loader({ request }: LoaderFunctionArgs) {
  const t = new URL(request.url).searchParams.get('t') ?? '';
  const { payload } = await jwtVerify(t, secret());
  return json({ pid: String(payload.pid), token: t });
}

export async function action({ request }: ActionFunctionArgs) { // SAFE(audit): patient self-submission audited through recordAudit
  const form = await request.formData();
  const { payload } = await jwtVerify(String(form.get('token')), secret());
  const db = await em();
  const patient = await db.findOneOrFail(Patient, { id: String(payload.pid) });
  const c = db.create(Case, { patient, bodySite: String(form.get('site')), history: String(form.get('history')) });
  patient.skinHistory = String(form.get('skinHistory') ?? '');
  for (const file of form.getAll('photos') as File[]) {
    const photo = db.create(Photo, { case: c, objectKey: 'pending' });
    const keys = await storePhoto(patient.mrn, c.id, photo.id, Buffer.from(await file.arrayBuffer()));
    photo.objectKey = keys.objectKey;
    photo.thumbKey = keys.thumbKey;
  }
  await db.flush();
  await recordAudit(undefined, 'intake.submit', c.id, true);
  return json({ ok: true, caseId: c.id });
}

const DRAFT_KEY = 'skinsight:intake-draft';

export default function Intake() {
  const { token } = useLoaderData<typeof loader>();
  const [values, setValues] = useState<Record<string, string>>({});

  useEffect(() => {
    const saved = window.localStorage.getItem(DRAFT_KEY);
    if (saved) setValues(JSON.parse(saved));
  }, []);

  function update(name: string, value: string) {
    const next = { ...values, [name]: value };
    setValues(next);
    window.localStorage.setItem(DRAFT_KEY, JSON.stringify(next)); // LEAK(storage): lesion history and skin-cancer history drafts kept in localStorage
  }

  function clearDraft() {
    window.sessionStorage.setItem('skinsight:intake-step', String(3)); // SAFE(storage): wizard step number only
    window.localStorage.removeItem(DRAFT_KEY);
  }

  return (
    <Form method="post" encType="multipart/form-data" onSubmit={clearDraft}>
      <input type="hidden" name="token" value={token} />
      <label>
        Where is the spot?
        <input name="site" value={values.site ?? ''} onChange={(e) => update('site', e.target.value)} />
      </label>
      <label>
        How long has it been there, has it changed, does it bleed or itch?
        <textarea name="history" value={values.history ?? ''} onChange={(e) => update('history', e.target.value)} />
      </label>
      <label>
        Have you or a family member had skin cancer?
        <textarea name="skinHistory" value={values.skinHistory ?? ''} onChange={(e) => update('skinHistory', e.target.value)} />
      </label>
      <input type="file" name="photos" accept="image/*" capture="environment" multiple />
      <button type="submit">Send to dermatologist</button>
    </Form>
  );
}
