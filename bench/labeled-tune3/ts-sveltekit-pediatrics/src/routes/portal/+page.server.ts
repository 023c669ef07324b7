import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { audit, db } from '$lib/server/db';
import { patients } from '$lib/server/db/schema';
import { issueParentToken, rememberParent } from '$lib/server/session';

export const load: PageServerLoad = async ({ locals }) => {
  return { signedIn: Boolean(locals.guardian) };
};

export const actions: Actions = {
  verify: async ({ request, cookies }) => { // SAFE(audit): portal action writes its own audit record via audit()
    const form = await request.formData();
    const lastName = String(form.get('childLastName') ?? '');
    const birthDate = String(form.get('childBirthDate') ?? '');
    const phone = String(form.get('guardianPhone') ?? '');
    const rows = await db.select().from(patients);
    const matches = rows.filter((r) => r.lastName.toLowerCase() === lastName.toLowerCase() && r.birthDate === birthDate && r.guardianPhone === phone);
    if (matches.length === 0) {
      return fail(400, { error: 'We could not find that child.' });
    }
    if (matches.length > 1) {
      redirect(303, `/portal/choose?lastName=${encodeURIComponent(lastName)}&dob=${birthDate}`); // LEAK(exposure): child's surname and DOB placed in the redirect URL
    }
    const child = matches[0];
    const token = await issueParentToken(phone, [child.id]);
    rememberParent(cookies, token);
    cookies.set('oaks_child', JSON.stringify({ id: child.id, name: `${child.firstName} ${child.lastName}`, allergies: child.allergies }), { path: '/portal', httpOnly: false, secure: true }); // LEAK(storage): child's name and allergies in a readable cookie
    await audit(`guardian:${child.id}`, 'portal.verify', child.id);
    redirect(303, '/portal/home');
  }
};
