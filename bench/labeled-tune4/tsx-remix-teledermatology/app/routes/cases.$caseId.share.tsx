import { json } from '@remix-run/node';
import { Case } from '../entities/Case';
import { audited } from '../services/audit.server';
import { shareRef } from '../services/crypto.server';
import { em } from '../services/db.server';
import { sendCaseReadyNotice } from '../services/mail.server';

export const action = audited('case.share', async ({ request, params }) => {
  const form = await request.formData();
  const db = await em();
  const c = await db.findOneOrFail(Case, { id: params.caseId! }, { populate: ['patient'] });
  c.referringEmail = String(form.get('email'));
  await db.flush();
  const url = `${process.env.PUBLIC_URL}/share/${shareRef(c.id, c.patient.mrn)}`;
  await sendCaseReadyNotice(c.referringEmail, url);
  return json({ ok: true });
});
