import type { Env, RunReport } from '../env';

/** Narrative QA: flags missing elements (OPQRST, med times) before the run is locked. */
export async function reviewNarrative(env: Env, run: RunReport): Promise<string[]> {
  const prompt = [
    'You are an EMS QA reviewer. List missing documentation elements as a JSON array of strings.',
    `Chief complaint: ${run.chiefComplaint}`,
    `Patient: ${run.patient.firstName} ${run.patient.lastName}, DOB ${run.patient.dob}`,
    `Narrative: ${run.narrative}`,
    `Medications: ${JSON.stringify(run.medications)}`,
  ].join('\n');
  const res = await fetch('https://api.mistral.ai/v1/chat/completions', { // LEAK(exposure): identified run narrative sent to Mistral without a BAA
    method: 'POST',
    headers: { authorization: `Bearer ${env.MISTRAL_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'mistral-large-latest', messages: [{ role: 'user', content: prompt }] }),
  });
  const body = (await res.json()) as { choices: Array<{ message: { content: string } }> };
  return JSON.parse(body.choices[0].message.content);
}
