import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { requireStaff } from '~/sessions.server';
import { db, getIntake, recordAccess } from '~/lib/api.server';

// Used by the clinic dashboard (staff only)
export async function loader({ request, params }: LoaderFunctionArgs) { // LEAK(audit): returns the full intake + patient without recordAccess
  await requireStaff(request);
  const row = await getIntake(params.id!);
  if (!row) throw new Response('Not found', { status: 404 });
  return json(row);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staffId = await requireStaff(request);
  if (request.method !== 'DELETE') throw new Response('Method not allowed', { status: 405 });
  await db.intake.delete({ where: { id: params.id! } });
  await recordAccess(`staff:${staffId}`, 'intake.delete', params.id!);
  return json({ deleted: params.id });
}
