/** Range-of-motion and step data pushed by the StrideBand vendor. */
export default defineEventHandler(async (event) => { // SAFE(audit): not under /api/patients/, so it records its own audit entry
  const raw = (await readRawBody(event)) ?? '';
  if (!verifyWearableSignature(raw, getHeader(event, 'x-strideband-signature') ?? '')) {
    throw createError({ statusCode: 401, statusMessage: 'bad signature' });
  }
  const data = JSON.parse(raw) as { deviceToken: string; samples: Array<{ ts: string; kneeFlexionDeg: number; steps: number }> };
  const { patientId, deviceId } = readDeviceToken(data.deviceToken);
  await recordAudit(event, 'wearable.ingest', patientId);
  const history = await $fetch<Array<{ ts: string; kneeFlexionDeg: number }>>(`${useRuntimeConfig().wearableApiBase}/devices/${deviceId}/rom-history`);
  await useDb()
    .insertInto('notes')
    .values({ patient_id: patientId, therapist_id: 'device', visit_date: new Date().toISOString().slice(0, 10), subjective: '', objective: JSON.stringify({ samples: data.samples, history }), assessment: '', plan: '', pain_score: -1 })
    .execute();
  const dayKey = `wearable:ingested:${new Date().toISOString().slice(0, 10)}`;
  const seen = (await useStorage('cache').getItem<number>(dayKey)) ?? 0;
  await useStorage('cache').setItem(dayKey, seen + data.samples.length); // SAFE(storage): a daily sample count across all devices
  return { ok: true };
});
