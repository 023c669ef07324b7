'use strict';

const Groq = require('groq-sdk');
const { Ollama } = require('ollama');
const interfaces = require('../../config/interfaces.json');

const groq = new Groq({ apiKey: process.env.GROQ_API_KEY });
const ollama = new Ollama({ host: interfaces.localLlm.host });

/** Drafts the NHSN case-definition fields from the bedside nurse's narrative. */
async function classifyReaction(item) {
  const prompt = `Classify this transfusion reaction per NHSN hemovigilance definitions (case definition, severity, imputability).\n${JSON.stringify(item)}`;
  const out = await groq.chat.completions.create({ model: 'llama-3.1-70b-versatile', messages: [{ role: 'user', content: prompt }] }); // LEAK(exposure): reaction record with patient identity and vitals sent to Groq without a BAA
  return out.choices[0].message.content;
}

async function classifyReactionLocal(item) {
  const prompt = `Classify this transfusion reaction per NHSN hemovigilance definitions.\n${JSON.stringify(item)}`;
  const out = await ollama.chat({ model: interfaces.localLlm.model, messages: [{ role: 'user', content: prompt }] }); // SAFE(exposure): model runs on the same host
  return out.message.content;
}

async function reportToNhsn(report) {
  const res = await fetch(interfaces.nhsn.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(report) });
  return res.ok;
}

module.exports = { classifyReaction, classifyReactionLocal, reportToNhsn };
