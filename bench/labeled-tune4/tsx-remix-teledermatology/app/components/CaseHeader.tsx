import { FullStory } from '@fullstory/browser';
import { useEffect } from 'react';

type Props = { caseId: string; patient: string; dob: string; site: string; icd10?: string | null; status: string };

export function CaseHeader(props: Props) {
  useEffect(() => {
    FullStory('trackEvent', { name: 'case_opened', properties: { caseId: props.caseId, site: props.site, icd10: props.icd10 ?? 'pending' } }); // LEAK(exposure): diagnosis code and body site tied to the case id sent to FullStory
  }, [props.caseId, props.site, props.icd10]);

  return (
    <header>
      <h1>{props.patient}</h1>
      <p>
        DOB {props.dob} · {props.site} · {props.status}
      </p>
      <p className="muted">Questions? Fax the clinic at 555-0188.</p>
    </header>
  );
}

export const CLINIC_FAX = '555-0188'; // SAFE(hardcoded): clinic fax in the fictional 555-01xx range, organisation data
