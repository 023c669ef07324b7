/** Home exercise program: saved by the therapist, fetched by the patient's magic link. */
export default defineEventHandler(async (event) => { // LEAK(audit): updates a patient's program outside /api/patients/, so the audit middleware never sees it
  const { user } = await requireUserSession(event);
  const patientId = getRouterParam(event, 'patientId')!;
  const program = await readBody<{ exercises: Array<{ name: string; sets: number; reps: number }>; precautions: string; diagnosis: string }>(event);
  const patient = await useDb().selectFrom('patients').select(['full_name', 'email']).where('id', '=', patientId).executeTakeFirstOrThrow();
  await useStorage('programs').setItem(`hep:${patientId}`, { ...program, patientName: patient.full_name, updatedBy: user.id }); // LEAK(storage): program with name and diagnosis written to the fs storage driver unencrypted
  const link = issueMagicLink(patientId);
  return { link: `https://my.stridept.com/hep?t=${link}` }; // SAFE(exposure): only a 10-minute signed token in the URL
});
