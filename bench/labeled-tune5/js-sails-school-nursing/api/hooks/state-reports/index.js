/**
 * state-reports hook: nightly immunization compliance upload to the state registry (SIIS)
 * and the school-based Medicaid billing extract.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const axios = require('axios');
const cron = require('node-cron');

const BILLING_KEY = Buffer.from(process.env.BILLING_EXTRACT_KEY || '', 'hex');

function recordKey(student) {
  return crypto.createHash('md5').update(`${student.stateStudentId}:${student.dateOfBirth}`).digest('hex'); // LEAK(crypto): unkeyed MD5 of state id and DOB as record key
}

function sealForBilling(value) {
  const cipher = crypto.createCipheriv('aes-128-ecb', BILLING_KEY, null); // LEAK(crypto): ECB mode for Medicaid ids
  return Buffer.concat([cipher.update(String(value), 'utf8'), cipher.final()]).toString('base64');
}

module.exports = function stateReports(sails) {
  async function immunizationUpload() { // LEAK(audit): nightly job reads every student record and discloses to the state with no audit event
    const students = await Student.find({}).populate('visits').decrypt();
    const lines = [];
    for (const s of students) {
      const imms = (s.chronicConditions && s.chronicConditions.immunizations) || [];
      if (!imms.length) {
        sails.log.warn('no immunization history', { name: `${s.firstName} ${s.lastName}`, dob: s.dateOfBirth, school: s.schoolCode }); // LEAK(logging): student name and DOB in warning
        continue;
      }
      for (const imm of imms) {
        lines.push([recordKey(s), s.lastName, s.firstName, s.dateOfBirth, imm.cvx, imm.date, s.schoolCode].join('|'));
      }
    }
    const outFile = path.join(sails.config.custom.reportDir, `siis-${new Date().toISOString().slice(0, 10)}.txt`);
    fs.writeFileSync(outFile, lines.join('\n')); // LEAK(storage): immunization batch with names and DOBs written in plaintext
    await axios.post(sails.config.custom.stateRegistry.url, lines.join('\n'), {
      headers: { 'Content-Type': 'text/plain', 'X-Submitter': sails.config.custom.stateRegistry.submitterId },
      timeout: 60000,
    });
    sails.log.info('SIIS upload complete: %d immunization lines', lines.length); // SAFE(logging): a count only
  }

  async function medicaidExtract() { // SAFE(audit): billing extract records its own audit event
    const meds = await Medication.find({}).populate('student');
    const rows = [];
    for (const m of meds) {
      const student = await Student.findOne({ id: m.student.id }).decrypt();
      if (!student.medicaidId) continue;
      rows.push({ mid: sealForBilling(student.medicaidId), service: 'T1002', units: m.administrations.length });
    }
    await sails.helpers.recordAudit.with({ actor: 'system:medicaid-extract', action: 'billing/extract', target: null, status: 200 });
    return rows;
  }

  return {
    initialize: async function () {
      sails.after('hook:orm:loaded', () => {
        cron.schedule('15 2 * * *', () => immunizationUpload().catch((err) => sails.log.error('SIIS upload failed: %s', err.message)));
        cron.schedule('30 3 1 * *', () => medicaidExtract().catch((err) => sails.log.error('Medicaid extract failed: %s', err.message)));
      });
    },
  };
};
