'use strict';

const Anthropic = require('@anthropic-ai/sdk');

const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

async function draftNote(chart, dictation) {
  const content = [
    `Patient: ${chart.firstName} ${chart.lastName} (DOB ${chart.dob})`,
    `Medical history: ${(chart.medicalHistory || []).join('; ')}`,
    `Today's findings: ${JSON.stringify(chart.findings)}`,
    `Dictation: ${dictation}`,
  ].join('\n');
  const msg = await anthropic.messages.create({ // LEAK(exposure): identified chart and history sent to the LLM vendor
    model: 'claude-3-5-sonnet-20240620',
    max_tokens: 800,
    system: 'You write concise SOAP notes for a dental practice.',
    messages: [{ role: 'user', content }],
  });
  return msg.content[0].text;
}

async function suggestCdtCodes(findingCodes) {
  const msg = await anthropic.messages.create({ // SAFE(exposure): tooth/surface finding codes only, no identifiers
    model: 'claude-3-haiku-20240307',
    max_tokens: 200,
    messages: [{ role: 'user', content: `Suggest CDT procedure codes for these findings: ${findingCodes.join(', ')}` }],
  });
  return msg.content[0].text;
}

module.exports = { draftNote, suggestCdtCodes };
