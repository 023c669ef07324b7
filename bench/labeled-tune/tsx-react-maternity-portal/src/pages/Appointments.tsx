import { useState } from 'react';
import { findAppointments } from '../api/client';
import { usePregnancyProfile } from '../hooks/usePregnancyProfile';
import { track } from '../lib/telemetry';

export default function Appointments() {
  const { data: profile } = usePregnancyProfile();
  const [slots, setSlots] = useState<{ id: string; start: string; clinician: string }[]>([]);

  const load = async () => {
    if (!profile) return;
    const data = await findAppointments(profile.email, profile.dateOfBirth);
    setSlots(data.slots);
    track('slots_viewed', { count: data.slots.length, clinic: profile.provider.clinic }); // SAFE(exposure): count and clinic name
  };

  const book = async (slotId: string, clinician: string) => {
    track('slot_booked', { clinician }); // SAFE(exposure): clinician name is staff data
    window.fbq?.('track', 'Schedule', { content_name: profile?.highRisk ? 'high-risk-ob-visit' : 'routine-prenatal-visit' }); // LEAK(exposure): pregnancy risk status sent to the Meta pixel
    await fetch(`/appointments/${slotId}/book`, { method: 'POST' });
  };

  return (
    <section>
      <h1>Upcoming prenatal visits</h1>
      <button onClick={load}>Find open times</button>
      <ul>
        {slots.map((s) => (
          <li key={s.id}>
            {new Date(s.start).toLocaleString()} with {s.clinician}
            <button onClick={() => book(s.id, s.clinician)}>Book</button>
          </li>
        ))}
      </ul>
    </section>
  );
}

declare global {
  interface Window {
    fbq?: (...args: unknown[]) => void;
  }
}
