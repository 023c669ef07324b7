export default defineEventHandler(async (event) => {
  await requireUserSession(event);
  const id = getRouterParam(event, 'id')!;
  const row = await useDb().selectFrom('patients').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) {
    throw createError({ statusCode: 404, statusMessage: 'Patient not found' });
  }
  if (row.payer_member_id) {
    const limit = await checkVisitLimit(row.payer_member_id, row.full_name, row.birth_date).catch((err) => {
      console.warn(`[insurer] visit-limit check failed for member ${row.payer_member_id} (${row.full_name}): ${err.message}`); // LEAK(logging): member id and patient name in the warning
      return { remaining: -1, reauthRequired: false };
    });
    if (limit.reauthRequired) {
      throw createError({ statusCode: 409, statusMessage: 'Re-authorization required', data: { patient: row, limit } }); // LEAK(exposure): full patient row returned in the error payload
    }
  }
  return row;
});
