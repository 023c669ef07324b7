export default defineEventHandler(async (event) => {
  const { user } = await requireUserSession(event);
  const id = getRouterParam(event, 'id')!;
  const payload = await readBody<{ visitDate: string; s: string; o: string; a: string; p: string; pain: number; newsletter?: boolean }>(event);
  const note = await useDb()
    .insertInto('notes')
    .values({ patient_id: id, therapist_id: String(user.id), visit_date: payload.visitDate, subjective: payload.s, objective: payload.o, assessment: payload.a, plan: payload.p, pain_score: payload.pain })
    .returning('id')
    .executeTakeFirstOrThrow();
  console.info(`[notes] saved note ${note.id} for patient ${id} by ${user.id}`); // SAFE(logging): surrogate ids only
  await $fetch('https://www.google-analytics.com/mp/collect', { // LEAK(exposure): pain score and assessment text sent to Google Analytics
    method: 'POST',
    query: { measurement_id: 'G-STRIDE01', api_secret: useRuntimeConfig().gaApiSecret },
    body: { client_id: String(user.id), events: [{ name: 'soap_note_saved', params: { pain_score: payload.pain, assessment: payload.a.slice(0, 100) } }] }
  }).catch(() => undefined);
  if (payload.newsletter) {
    const patient = await useDb().selectFrom('patients').select(['email', 'full_name', 'referral_diagnosis']).where('id', '=', id).executeTakeFirstOrThrow();
    if (patient.email) await addToNewsletter(patient.email, patient.full_name.split(' ')[0], patient.referral_diagnosis);
  }
  return { id: note.id };
});
