'use strict';

const crypto = require('crypto');
const { Pool } = require('pg');
const cache = require('../lib/cache');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10, ssl: process.env.NODE_ENV === 'production' ? { rejectUnauthorized: true } : false });

function memberKey(memberId) {
  return crypto.createHmac('sha256', process.env.MEMBER_HMAC_KEY).update(memberId).digest('hex'); // SAFE(crypto): keyed HMAC
}

// legacy loyalty system keys customers on this; do not change without the loyalty team
function loyaltyKey(memberId) {
  return crypto.createHash('md5').update(String(memberId).toUpperCase()).digest('hex'); // LEAK(crypto): MD5 of health-plan member id
}

function toPatient(row) {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    dateOfBirth: row.date_of_birth,
    email: row.email,
    phone: row.phone,
    memberId: row.member_id,
    allergies: row.allergies || [],
    loyaltyKey: loyaltyKey(row.member_id),
  };
}

async function getPatient(id) {
  const cached = await cache.recall(`patient:${id}`);
  if (cached) return cached;
  const { rows } = await pool.query('SELECT * FROM patients WHERE id = $1', [id]);
  if (!rows.length) return null;
  const patient = toPatient(rows[0]);
  await cache.remember(`patient:${id}`, patient, 6 * 3600); // LEAK(storage): patient profile cached in redis in plaintext
  return patient;
}

async function findByNameAndDob(lastName, dob) {
  const { rows } = await pool.query(
    'SELECT * FROM patients WHERE lower(last_name) = lower($1) AND date_of_birth = $2',
    [lastName, dob],
  );
  return rows.map(toPatient);
}

async function findByMember(memberId) {
  const { rows } = await pool.query('SELECT * FROM patients WHERE member_hmac = $1', [memberKey(memberId)]);
  return rows[0] ? toPatient(rows[0]) : null;
}

async function prescriptionsFor(patientId) {
  const { rows } = await pool.query(
    `SELECT rx.id, rx.rx_number, rx.drug_name, rx.strength, rx.sig, rx.refills_remaining, rx.prescriber_name
       FROM prescriptions rx WHERE rx.patient_id = $1 AND rx.status = 'active'`,
    [patientId],
  );
  return rows;
}

async function findPrescription(patient, rxNumber) {
  const { rows } = await pool.query('SELECT * FROM prescriptions WHERE patient_id = $1 AND rx_number = $2', [patient.id, rxNumber]);
  if (!rows.length) {
    throw new Error(`No active prescription ${rxNumber} for ${patient.lastName}, DOB ${patient.dateOfBirth}`); // LEAK(logging): name and DOB in exception message
  }
  return rows[0];
}

module.exports = { pool, getPatient, findByNameAndDob, findByMember, prescriptionsFor, findPrescription };
