'use strict';

require('dotenv').config();
const Agenda = require('agenda');
const Knex = require('knex');
const { Model } = require('objection');
const { Reaction, Patient, Crossmatch } = require('../models');
const hemo = require('../services/hemovigilance');
const { airbrake } = require('../plugins/logging');

const agenda = new Agenda({ db: { address: process.env.AGENDA_MONGO_URL, collection: 'bbJobs' }, processEvery: '1 minute' });

agenda.define('nhsn-report', async (job) => {
  const reaction = await Reaction.query().findById(job.attrs.data.reactionId);
  const ok = await hemo.reportToNhsn({ facility: 'MERCY', reactionId: reaction.id, classification: reaction.draft_classification, signs: reaction.signs });
  if (!ok) throw new Error(`NHSN rejected reaction ${reaction.id}`);
});

agenda.define('crossmatch-expiry-reminder', async (job) => {
  const { patient, unitNumber, expiresAt } = job.attrs.data;
  console.info(`[expiry] crossmatch for ${patient.name} (${patient.mrn}) on unit ${unitNumber} expires ${expiresAt}`); // LEAK(logging): worker console with name and MRN
});

agenda.on('fail', (err, job) => {
  airbrake.notify({ error: err, context: { job: job.attrs.name }, params: job.attrs.data }); // LEAK(logging): job data (patient object for reminders) sent to Airbrake
});

async function scheduleExpiryReminders() {
  const soon = await Crossmatch.query().where('expires_at', '<', new Date(Date.now() + 6 * 3600 * 1000).toISOString()).withGraphFetched('patient');
  for (const xm of soon) {
    await agenda.schedule(new Date(xm.expires_at), 'crossmatch-expiry-reminder', { patient: { name: xm.patient.name, mrn: xm.patient.mrn }, unitNumber: xm.unit_number, expiresAt: xm.expires_at }); // LEAK(storage): patient name and MRN persisted in the Mongo job collection
  }
}

async function main() {
  Model.knex(Knex({ client: 'pg', connection: process.env.DATABASE_URL }));
  await agenda.start();
  await agenda.every('30 minutes', 'schedule-expiry');
  agenda.define('schedule-expiry', scheduleExpiryReminders);
  await Patient.query().count();
}

if (require.main === module) main();

module.exports = agenda;
