const fs = require('fs');
const cron = require('node-cron');
const Patient = require('../models/Patient');
const Treatment = require('../models/Treatment');
const { logger } = require('../logger');
const { notify } = require('../services/notify');
const { submitMonthly } = require('../services/registry');

// Registry rejected these two in May (missing 2728 form); resubmit them every night until it accepts.
const BACKFILL_MRNS = ['RP-0884173', 'RP-0884190']; // LEAK(hardcoded): patient MRNs in production code
const CURSOR_FILE = '/var/lib/renalpath/registry-cursor.json';

async function runRegistrySync() {
  const since = new Date(Date.now() - 31 * 86400000);
  const backfill = await Patient.find({ mrnHash: { $in: BACKFILL_MRNS.map((m) => Patient.hashMrn(m)) } });
  const due = await Patient.find({ updatedAt: { $gte: since } });
  let count = 0;
  for (const patient of [...backfill, ...due]) {
    const treatments = await Treatment.find({ patient: patient.id, date: { $gte: since } });
    await submitMonthly(patient, treatments);
    fs.writeFileSync(CURSOR_FILE, JSON.stringify({ lastPatientId: patient.id, at: new Date().toISOString() })); // SAFE(storage): cursor keeps only a surrogate id
    count += 1;
  }
  logger.info(`registry sync finished: ${count} patients`); // SAFE(logging): count only
  await notify(`Nightly registry sync finished for ${count} patients`); // SAFE(exposure): aggregate count only
}

function startNightly() {
  cron.schedule('15 2 * * *', () => runRegistrySync().catch((err) => logger.error('registry sync failed', { code: err.code })), { timezone: 'America/Chicago' });
}

module.exports = { startNightly, runRegistrySync };
