const fs = require('fs');
const { Pool } = require('pg');
const { seal, unseal } = require('./lib/seal');

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  ssl: { ca: fs.readFileSync(process.env.PG_CA_PATH).toString(), rejectUnauthorized: true }, // SAFE(transmission): verified TLS to Postgres
  max: 15,
});

async function recordAudit({ actor, action, target, detail }) {
  await pool.query('INSERT INTO audit_trail (actor, action, target, detail, at) VALUES ($1, $2, $3, $4, now())', [actor, action, target, detail || null]);
}

function hydratePatient(row) {
  if (!row) return null;
  return { ...row, ssn: unseal(row.ssn_sealed), phone: unseal(row.phone_sealed), address: unseal(row.address_sealed) };
}

const patients = {
  async byId(id) {
    const { rows } = await pool.query('SELECT * FROM patients WHERE id = $1', [id]);
    return hydratePatient(rows[0]);
  },
  async search({ lastName, branch }) {
    const { rows } = await pool.query('SELECT * FROM patients WHERE last_name ILIKE $1 AND branch = $2 ORDER BY last_name LIMIT 50', [`${lastName}%`, branch]);
    return rows.map(hydratePatient);
  },
  async create(input) {
    const { rows } = await pool.query( // SAFE(storage): SSN and phone sealed before insert
      `INSERT INTO patients (mrn, first_name, last_name, dob, ssn_sealed, phone_sealed, address_sealed, payer, member_id, branch)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [input.mrn, input.firstName, input.lastName, input.dob, seal(input.ssn), seal(input.phone), seal(input.address), input.payer, input.memberId, input.branch],
    );
    return rows[0].id;
  },
};

const orders = {
  async forPatient(patientId) {
    const { rows } = await pool.query('SELECT * FROM therapy_orders WHERE patient_id = $1 ORDER BY start_date DESC', [patientId]);
    return rows;
  },
  async create(patientId, input, prescriberNpi) {
    const { rows } = await pool.query(
      `INSERT INTO therapy_orders (patient_id, therapy, drug, dose, frequency, access_device, diagnosis_icd10, start_date, prescriber_npi)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [patientId, input.therapy, input.drug, input.dose, input.frequency, input.accessDevice, input.diagnosisIcd10, input.startDate, prescriberNpi],
    );
    return rows[0];
  },
};

const visits = {
  async create(patientId, nurseId, input) {
    const { rows } = await pool.query( // LEAK(storage): site assessment and vitals in plaintext columns while the visit notes are sealed
      `INSERT INTO nursing_visits (patient_id, nurse_id, visit_date, site_assessment, vitals, notes_sealed)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [patientId, nurseId, input.visitDate, input.siteAssessment, JSON.stringify(input.vitals), seal(input.notes)],
    );
    return rows[0].id;
  },
  async timeline(patientId) {
    const { rows } = await pool.query('SELECT * FROM nursing_visits WHERE patient_id = $1 ORDER BY visit_date DESC', [patientId]);
    return rows.map((r) => ({ ...r, notes: unseal(r.notes_sealed) }));
  },
  async updateLineCare(visitId, lineCare) {
    await pool.query('UPDATE nursing_visits SET line_care = $2 WHERE id = $1', [visitId, JSON.stringify(lineCare)]); // LEAK(storage): PICC/port line-care findings stored unsealed
  },
};

module.exports = { pool, recordAudit, patients, orders, visits };
