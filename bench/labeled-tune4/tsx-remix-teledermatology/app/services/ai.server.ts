import Replicate from 'replicate';
import { log } from './logger.server';

const replicate = new Replicate({ auth: process.env.REPLICATE_API_TOKEN });

export type TriageInput = { imageUrl: string; age: number; sex?: string; bodySite: string; history: string; patientName: string };

/** Second-opinion lesion classifier hosted on Replicate (community model). */
export async function triageLesion(input: TriageInput) {
  const output = await replicate.run('skinlab/lesion-classifier:4f2a1c9e', { // LEAK(exposure): photo URL, name, age and lesion history sent to a hosted model without a BAA
    input: { image: input.imageUrl, age: input.age, sex: input.sex, site: input.bodySite, history: input.history, subject: input.patientName },
  });
  log.info(`triage for ${input.patientName} (${input.bodySite})`, output); // LEAK(logging): patient name with classifier scores (melanoma probability)
  return output as Array<{ label: string; score: number }>;
}
