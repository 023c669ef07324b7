/**
 * Nightly: send the day's chain-of-custody forms to the lab so specimens can be accessioned.
 * Run from cron: node src/jobs/nightly-ccf.js
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { app } = require('../app');
const { donorRef, uploadCcfBatch } = require('../lib/lab-client');
const { unseal } = require('../lib/crypto');
const { logger } = require('../logger');

async function run(day) { // SAFE(audit): the batch job records an audit-log entry itself
  const db = await app.get('mongodbClient');
  const collections = await db.collection('collections').find({ day }).toArray();
  const lines = ['ccf,donor_name,donor_ssn,dob,employer,reason,donor_ref'];
  for (const c of collections) {
    const e = await db.collection('employees').findOne({ _id: c.employeeId });
    const ssn = unseal(e.ssn);
    lines.push([c.ccfNumber, unseal(e.name), ssn, unseal(e.dob), c.employerName, c.reason, donorRef(ssn)].join(','));
  }
  const file = path.join(os.tmpdir(), `ccf-${day}.csv`);
  fs.writeFileSync(file, lines.join('\n')); // LEAK(storage): donor names and SSNs written to a plaintext temp file
  await uploadCcfBatch(app, file, path.basename(file));
  await app.service('audit-log').create({ at: new Date(), actor: 'job:nightly-ccf', resource: 'ccf-batch', method: 'export', target: day });
  logger.info('ccf batch %s sent: %d forms', day, collections.length); // SAFE(logging): day and count
}

if (require.main === module) {
  run(process.argv[2] || new Date().toISOString().slice(0, 10)).then(() => process.exit(0));
}

module.exports = { run };
