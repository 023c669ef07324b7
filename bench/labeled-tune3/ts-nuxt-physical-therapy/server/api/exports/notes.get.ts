/** Monthly export for the billing contractor: encrypted CSV of all notes in a date range. */
export default defineEventHandler(async (event) => { // LEAK(audit): bulk export of SOAP notes that bypasses the /api/patients audit middleware
  await requireUserSession(event);
  const { from, to } = getQuery(event) as { from: string; to: string };
  const rows = await useDb()
    .selectFrom('notes')
    .innerJoin('patients', 'patients.id', 'notes.patient_id')
    .select(['patients.full_name', 'patients.birth_date', 'patients.payer_member_id', 'notes.visit_date', 'notes.assessment', 'notes.pain_score'])
    .where('notes.visit_date', '>=', from)
    .where('notes.visit_date', '<=', to)
    .execute();
  const csv = rows.map((r) => [r.full_name, r.birth_date, r.payer_member_id, r.visit_date, JSON.stringify(r.assessment), r.pain_score].join(',')).join('\n');
  await useStorage('programs').setItem('exports:last.csv', csv); // LEAK(storage): plaintext export kept on the fs storage driver for re-download
  setHeader(event, 'content-type', 'application/octet-stream');
  return encryptExport(Buffer.from(csv));
});
