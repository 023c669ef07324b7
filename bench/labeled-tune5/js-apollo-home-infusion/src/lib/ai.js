const { GoogleGenerativeAI } = require('@google/generative-ai');

const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY);
const model = genAI.getGenerativeModel({ model: 'gemini-1.5-flash' });

async function summarizeVisits(patient, timeline) {
  const text = timeline
    .map((v) => `${v.visit_date}: site ${v.site_assessment || 'n/a'}; vitals ${v.vitals}; notes ${v.notes || ''}`)
    .join('\n');
  const result = await model.generateContent( // LEAK(exposure): patient name, therapy and visit notes sent to Gemini
    `Summarize the home infusion course for ${patient.firstName} ${patient.lastName} (DOB ${patient.dob}) for the pharmacist:\n${text}`,
  );
  return result.response.text();
}

module.exports = { summarizeVisits };
