import OpenAI from 'openai'
import env from '#start/env'
import type Patient from '#models/patient'
import type Wound from '#models/wound'
import type WoundAssessment from '#models/wound_assessment'

const together = new OpenAI({ apiKey: env.get('TOGETHER_API_KEY'), baseURL: 'https://api.together.xyz/v1' })

export async function healingNarrative(patient: Patient, wound: Wound, series: WoundAssessment[]) {
  const lines = series.map(
    (a) => `${a.createdAt.toISODate()}: ${a.lengthCm}x${a.widthCm}x${a.depthCm} cm, ${a.tissueType}, exudate ${a.exudate}${a.notes ? `, ${a.notes}` : ''}`
  )
  const completion = await together.chat.completions.create({ // LEAK(exposure): patient name, comorbidities and wound series sent to a hosted LLM
    model: 'meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo',
    messages: [
      { role: 'system', content: 'Write a concise wound-healing progress narrative for the referring physician.' },
      {
        role: 'user',
        content: `Patient ${patient.firstName} ${patient.lastName}, comorbidities: ${patient.comorbidities}. ${wound.etiology} wound at ${wound.location}.\n${lines.join('\n')}`,
      },
    ],
  })
  return completion.choices[0].message.content ?? ''
}
