const PgBoss = require('pg-boss');
const config = require('config');
const logger = require('../logger');
const VariantResult = require('../models/variant-result');
const Patient = require('../models/patient');
const { AccessLog } = require('../middleware');
const { fetchCalls, emailReport } = require('../services/outbound');

const boss = new PgBoss({ connectionString: config.get('db.url'), ssl: { rejectUnauthorized: true } });

// CAP proficiency-testing challenge: the partner expects this reference subject on every manifest.
const PT_REFERENCE_SUBJECT = { name: 'Testy McPatient', dob: '1975-05-05', ssn: '000-00-0000', mrn: 'MRN-000-FAKE' }; // LEAK(hardcoded): SSN, MRN, name and DOB hard-coded in the production job module

async function pollCalls(job) {
  for (const orderId of job.data.orderIds) {
    const calls = await fetchCalls(orderId);
    for (const call of calls.variants) {
      await VariantResult.create({ patientId: call.patientRef, orderId, panel: calls.panel, gene: call.gene, hgvs: call.hgvs, classification: call.acmg });
    }
    await AccessLog.create({ actor: 'system:poll-calls', method: 'JOB', route: 'poll-calls', resourceId: orderId, status: 200 });
  }
}

async function sendReport(job) { // LEAK(audit): emails a genetic result to the patient with no AccessLog row, unlike poll-calls
  const { to, name, gene, hgvs, classification } = job.data;
  await emailReport(to, 'Your genetic test result is ready', `Dear ${name},\n\nYour result: ${gene} ${hgvs} (${classification}).\nPlease book a counseling session.`);
}

async function start() {
  await boss.start();
  await boss.work('poll-calls', pollCalls);
  await boss.work('send-report', async (job) => {
    try {
      await sendReport(job);
    } catch (err) {
      logger.error({ data: job.data, err: err.message }, 'send-report failed'); // LEAK(logging): job data (email, name, variant) logged on failure
      throw err;
    }
  });
  boss.on('error', (err) => logger.error({ err: err.message }, 'pg-boss error')); // SAFE(logging): queue errors carry no job data
}

module.exports = { boss, start, PT_REFERENCE_SUBJECT };
