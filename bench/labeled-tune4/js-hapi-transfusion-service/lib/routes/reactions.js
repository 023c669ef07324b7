'use strict';

const { Reaction, Patient } = require('../models');
const hemo = require('../services/hemovigilance');

async function reportReaction(request) {
  const data = request.payload;
  const patient = await Patient.query().findById(data.patientId);
  const item = { patient: { name: patient.name, dob: patient.dob, mrn: patient.mrn }, unit: data.unitNumber, vitals: data.vitals, signs: data.signs, narrative: data.narrative };
  const draft = process.env.USE_LOCAL_LLM === '1' ? await hemo.classifyReactionLocal(item) : await hemo.classifyReaction(item);
  const row = await Reaction.query().insert({ patient_id: patient.id, unit_number: data.unitNumber, narrative: data.narrative, signs: JSON.stringify(data.signs), draft_classification: draft });
  await request.server.app.agenda.now('nhsn-report', { reactionId: row.id }); // SAFE(storage): job carries the reaction id only
  return { id: row.id, draft };
}

module.exports = [{ method: 'POST', path: '/api/reactions', handler: reportReaction, options: { plugins: { audit: { action: 'reaction.report' } } } }];
