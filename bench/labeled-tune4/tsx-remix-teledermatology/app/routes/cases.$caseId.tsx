import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { CaseHeader } from '../components/CaseHeader';
import { Case } from '../entities/Case';
import { audited } from '../services/audit.server';
import { em } from '../services/db.server';
import { viewUrl } from '../services/photos.server';

export const loader = audited('case.view', async ({ params }) => {
  const db = await em();
  const c = await db.findOneOrFail(Case, { id: params.caseId! }, { populate: ['patient', 'photos'] });
  const photos = await Promise.all(c.photos.getItems().map(async (p) => ({ id: p.id, url: await viewUrl(p.objectKey), kind: p.kind })));
  return json({
    id: c.id,
    patient: c.patient.fullName,
    dob: c.patient.dob,
    site: c.bodySite,
    history: c.history,
    assessment: c.assessment,
    icd10: c.icd10,
    status: c.status,
    photos,
  });
});

export default function CaseView() {
  const data = useLoaderData<typeof loader>();
  return (
    <main>
      <CaseHeader caseId={data.id} patient={data.patient} dob={data.dob} site={data.site} icd10={data.icd10} status={data.status} />
      <section>
        <h2>History</h2>
        <p>{data.history}</p>
      </section>
      <section className="grid">
        {data.photos.map((p) => (
          <img key={p.id} src={p.url} alt={`${p.kind} photo`} />
        ))}
      </section>
      <Link to="assess">Write assessment</Link> · <a href={`/cases/${data.id}/pdf`}>Consult PDF</a>
    </main>
  );
}
