import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router-dom';
import { ApiError, CheckIn, submitCheckIn } from '../api/client';
import { usePregnancyProfile } from '../hooks/usePregnancyProfile';
import { useIntakeStore } from '../store/intakeStore';
import { gaEvent, log, track } from '../lib/telemetry';

const SYMPTOMS = ['headache', 'swelling', 'vision changes', 'cramping', 'nausea', 'contractions', 'fever'];

export default function SymptomCheckIn() {
  const navigate = useNavigate();
  const { data: profile } = usePregnancyProfile();
  const { draft, setDraft, reset } = useIntakeStore();
  const { register, handleSubmit, watch } = useForm<CheckIn>({ defaultValues: { fetalMovement: 'normal', bleeding: false, moodScore: 5, ...draft } });
  const [assistantReply, setAssistantReply] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const sub = watch((values) => setDraft(values as Partial<CheckIn>));
    return () => sub.unsubscribe();
  }, [watch, setDraft]);

  const onSubmit = async (values: CheckIn) => {
    log.info('check-in submitted', { values, patientId: profile?.id }); // LEAK(logging): symptom values sent to Datadog logs
    gaEvent('symptom_checkin', { symptoms: values.symptoms.join(','), bleeding: values.bleeding }); // LEAK(exposure): pregnancy symptoms sent to Google Analytics
    try {
      const result = await submitCheckIn(values);
      track('checkin_completed', { symptom_count: values.symptoms.length }); // SAFE(exposure): count only
      reset();
      if (result.triage === 'urgent') {
        navigate(`/call-now?reason=${encodeURIComponent(values.symptoms.join(','))}&edd=${profile?.dueDate}`); // LEAK(exposure): symptoms and due date in the URL
      } else {
        navigate('/thanks');
      }
    } catch (err) {
      if (err instanceof ApiError) {
        console.error(`check-in failed for ${profile?.email}`, values); // LEAK(logging): email and symptoms in console
        setError('We could not send your check-in. Please call the clinic if symptoms are severe.');
      }
    }
  };

  const askAssistant = async (values: CheckIn) => {
    const resp = await fetch(import.meta.env.VITE_ASSISTANT_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ checkIn: values, weeks: profile ? weeksPregnant(profile.dueDate) : null, conditions: profile?.conditions ?? [] }),
    });
    setAssistantReply(await resp.text());
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} className="checkin">
      <h1>How are you feeling today?</h1>
      <fieldset>
        {SYMPTOMS.map((s) => (
          <label key={s}>
            <input type="checkbox" value={s} {...register('symptoms')} /> {s}
          </label>
        ))}
      </fieldset>
      <label>
        Blood pressure (if you have a cuff) <input {...register('bloodPressure')} placeholder="120/80" />
      </label>
      <label>
        Baby movement
        <select {...register('fetalMovement')}>
          <option value="normal">Normal</option>
          <option value="reduced">Less than usual</option>
          <option value="none">None today</option>
        </select>
      </label>
      <label>
        <input type="checkbox" {...register('bleeding')} /> Any bleeding
      </label>
      <label>
        Mood (1-10) <input type="number" min={1} max={10} {...register('moodScore', { valueAsNumber: true })} />
      </label>
      <textarea {...register('notes')} placeholder="Anything else?" />
      {error && <p className="error">{error}</p>}
      <button type="submit">Send to my care team</button>
      <button type="button" onClick={handleSubmit(askAssistant)}>Ask the assistant first</button>
      {assistantReply && <p className="assistant">{assistantReply}</p>}
    </form>
  );
}

function weeksPregnant(dueDate: string): number {
  const ms = new Date(dueDate).getTime() - Date.now();
  return Math.max(0, 40 - Math.round(ms / (7 * 86_400_000)));
}
