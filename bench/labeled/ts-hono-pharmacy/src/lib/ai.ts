import { generateText } from 'ai';
import { createOpenAI } from '@ai-sdk/openai';
import partners from '../../config/partners.json';
import type { Env } from '../env';

type MedLine = { drugName: string; strength: string | null; sig: string; writtenOn: string };

const client = (env: Env) => createOpenAI({ apiKey: env.OPENAI_API_KEY });

export async function summariseMedications(env: Env, who: { name: string; dob: string }, list: MedLine[]) {
  const lines = list.map((m) => `- ${m.drugName} ${m.strength ?? ''} | ${m.sig} | written ${m.writtenOn}`).join('\n');
  const { text } = await generateText({ // LEAK(exposure): patient name, DOB and full med list sent to OpenAI
    model: client(env)(partners.ai.model),
    maxTokens: partners.ai.maxTokens,
    system: 'You are a clinical pharmacist preparing a refill review. Be concise.',
    prompt: `Patient: ${who.name} (born ${who.dob})\nActive medications:\n${lines}\n\nFlag interactions, duplicate therapy and dose concerns.`,
  });
  return text;
}

export async function plainLanguageMonograph(env: Env, monograph: string) {
  const { text } = await generateText({ // SAFE(exposure): public formulary monograph, no patient data
    model: client(env)(partners.ai.model),
    maxTokens: partners.ai.maxTokens,
    prompt: `Rewrite this drug monograph at a 6th-grade reading level:\n\n${monograph}`,
  });
  return text;
}
