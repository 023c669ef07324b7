import { json } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import OpenAI from 'openai';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { patients } from '$lib/server/db/schema';

const openai = new OpenAI();

/** ASQ-3 developmental screening: scores come from the tablet, the narrative is drafted for the chart. */
export const POST: RequestHandler = async ({ request, locals }) => { // LEAK(audit): reads the chart and writes a screening narrative with no audit record
  const item = await request.json();
  const [child] = await db.select().from(patients).where(eq(patients.id, item.patientId));
  const completion = await openai.chat.completions.create({ // LEAK(exposure): child's name, age and developmental scores sent to OpenAI
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Write a two-paragraph ASQ-3 interpretation for a pediatric chart.' },
      { role: 'user', content: `Child: ${child.firstName} ${child.lastName}, ${item.ageMonths} months. Scores: ${JSON.stringify(item.domains)}. Parent concerns: ${item.concerns}` }
    ]
  });
  return json({ narrative: completion.choices[0].message.content, reviewedBy: locals.staff?.id });
};
