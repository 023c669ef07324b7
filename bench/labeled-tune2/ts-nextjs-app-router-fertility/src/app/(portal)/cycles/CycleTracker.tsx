'use client';

import * as amplitude from '@amplitude/analytics-browser';
import { useSession } from 'next-auth/react';
import { useEffect, useState } from 'react';

type Medication = { name: string; dose: string; time: string };
type Cycle = { id: string; protocol: string; stage: string; stimStart: string | null; medications: Medication[] };

amplitude.init(process.env.NEXT_PUBLIC_AMPLITUDE_API_KEY ?? '', { defaultTracking: { pageViews: true } }); // LEAK(exposure): automatic page-view tracking on authenticated patient pages (URLs include /intake/thanks?name=..&dob=..)

export default function CycleTracker({ cycle }: { cycle: Cycle }) {
  const { data: session } = useSession();
  const [tab, setTab] = useState<'meds' | 'calendar'>('meds');
  const day = cycle.stimStart ? Math.floor((Date.now() - Date.parse(cycle.stimStart)) / 86400000) + 1 : 0;

  useEffect(() => {
    if (session?.user?.email) amplitude.setUserId(session.user.email); // LEAK(exposure): patient email as the Amplitude user id
    localStorage.setItem('bp:lastCycle', JSON.stringify(cycle)); // LEAK(storage): protocol and medication schedule in localStorage
  }, [session, cycle]);

  useEffect(() => {
    sessionStorage.setItem('bp:tab', tab); // SAFE(storage): UI tab name only
  }, [tab]);

  function markTaken(med: Medication) {
    amplitude.track('Medication Dose Logged', { cycleDay: day, protocol: cycle.protocol, medication: med.name, dose: med.dose }); // LEAK(exposure): fertility medication and dose sent to Amplitude
  }

  return (
    <section>
      <h2>
        Stimulation day {day} ({cycle.protocol})
      </h2>
      <nav>
        <button onClick={() => setTab('meds')}>Medications</button>
        <button onClick={() => setTab('calendar')}>Calendar</button>
      </nav>
      {tab === 'meds' && (
        <ul>
          {cycle.medications.map((m) => (
            <li key={`${m.name}-${m.time}`}>
              {m.name} {m.dose} at {m.time} <button onClick={() => markTaken(m)}>Taken</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
