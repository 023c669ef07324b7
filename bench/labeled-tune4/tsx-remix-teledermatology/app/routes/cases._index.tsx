import { json, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { FullStory } from '@fullstory/browser';
import { useEffect } from 'react';
import { Case } from '../entities/Case';
import { audited } from '../services/audit.server';
import { em } from '../services/db.server';

export const loader = audited('case.list', async ({ request, staff }) => {
  const db = await em();
  const url = new URL(request.url);
  const name = url.searchParams.get('name')?.toLowerCase();
  const dob = url.searchParams.get('dob');
  const rows = await db.find(Case, staff.role === 'derm' ? { assignedDermId: staff.id } : {}, { populate: ['patient'], orderBy: { createdAt: 'desc' }, limit: 100 });
  const filtered = rows.filter((c) => (!name || c.patient.fullName.toLowerCase().includes(name)) && (!dob || c.patient.dob === dob));
  if (name && dob && filtered.length === 0) {
    throw json({ message: `No case found for ${name} born ${dob}` }, 404); // LEAK(exposure): searched name and DOB echoed in the error response
  }
  return json({ cases: filtered.map((c) => ({ id: c.id, patient: c.patient.fullName, site: c.bodySite, status: c.status, createdAt: c.createdAt })) });
});

export const action = audited('case.search', async ({ request }) => {
  const form = await request.formData();
  return redirect(`/cases?name=${encodeURIComponent(String(form.get('name')))}&dob=${form.get('dob')}`); // LEAK(exposure): patient name and DOB put in the URL
});

export default function CaseQueue() {
  const { cases } = useLoaderData<typeof loader>();
  useEffect(() => {
    FullStory('trackEvent', { name: 'queue_viewed', properties: { count: cases.length } }); // SAFE(exposure): count only
  }, [cases.length]);
  return (
    <main>
      <Form method="post">
        <input name="name" placeholder="Patient name" />
        <input name="dob" type="date" />
        <button type="submit">Search</button>
      </Form>
      <ul>
        {cases.map((c) => (
          <li key={c.id}>
            <Link to={`/cases/${c.id}`}>{c.patient}</Link> · {c.site} · {c.status}
          </li>
        ))}
      </ul>
    </main>
  );
}
