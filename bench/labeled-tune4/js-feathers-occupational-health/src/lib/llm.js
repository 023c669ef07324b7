/** Suggests ICD-10 and OSHA 300 recordability for an injury narrative. */
async function codeInjury(item) {
  const res = await fetch('https://openrouter.ai/api/v1/chat/completions', { // LEAK(exposure): injury narrative with worker name and DOB sent to an LLM router without a BAA
    method: 'POST',
    headers: { authorization: `Bearer ${process.env.OPENROUTER_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'meta-llama/llama-3.1-70b-instruct',
      messages: [
        { role: 'system', content: 'Return JSON {icd10:[], oshaRecordable:boolean, reason:string}.' },
        { role: 'user', content: `Worker: ${item.workerName}, DOB ${item.dob}\nEmployer: ${item.employer}\nMechanism: ${item.mechanism}\nFindings: ${item.findings}\nTreatment: ${item.treatment}` },
      ],
    }),
  });
  const body = await res.json();
  return JSON.parse(body.choices[0].message.content);
}

module.exports = { codeInjury };
