import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Case } from '../entities/Case';
import { openShareRef } from '../services/crypto.server';
import { em } from '../services/db.server';
import { log } from '../services/logger.server';
import { requireStaff } from '../services/session.server';

/** Referring PCPs open the consult from the link in their letter. */
export async function loader({ request, params }: LoaderFunctionArgs) { // LEAK(audit): PCP reads the whole consult; share route is not wrapped in audited()
  const staff = await requireStaff(request);
  const { caseId, mrn } = openShareRef(params.ref!);
  const db = await em();
  const c = await db.findOne(Case, { id: caseId }, { populate: ['patient'] });
  if (!c || c.patient.mrn !== mrn) {
    log.warn(`share link mismatch: case=${caseId} mrn=${mrn} staff=${staff.id}`); // LEAK(logging): MRN decoded from the link written to the log
    throw json({ message: 'Link is not valid' }, 404);
  }
  return json({ patient: c.patient.fullName, dob: c.patient.dob, site: c.bodySite, assessment: c.assessment, icd10: c.icd10 });
}

export default function SharedConsult() {
  const data = useLoaderData<typeof loader>();
  return (
    <article>
      <h1>
        {data.patient} ({data.dob})
      </h1>
      <p>{data.site}</p>
      <p>{data.assessment}</p>
    </article>
  );
}
