const crypto = require('crypto');
const https = require('https');
const axios = require('axios');
const config = require('config');
const { logger } = require('../logger');

const registry = axios.create({ baseURL: config.get('registry.baseUrl'), timeout: 15000 });

const labs = axios.create({
  baseURL: config.get('labVendor.baseUrl'),
  httpsAgent: new https.Agent({ rejectUnauthorized: config.get('labVendor.rejectUnauthorized') }),
  headers: { 'X-Api-Key': process.env.LAB_API_KEY },
});

function registryKey(p) {
  return crypto.createHash('md5').update(`${p.ssn}:${p.dob}`).digest('hex'); // LEAK(crypto): unkeyed MD5 of SSN and DOB as the registry patient key
}

async function submitMonthly(patient, treatments) {
  const payload = {
    facility: config.get('registry.facilityCcn'),
    patientKey: registryKey(patient),
    name: { first: patient.firstName, last: patient.lastName },
    dob: patient.dob,
    hepB: patient.hepBStatus,
    sessions: treatments.map((t) => ({ date: t.date, ktv: t.ktv, preWeight: t.preWeightKg, postWeight: t.postWeightKg })),
  };
  try {
    await registry.post('/monthly-clinical', payload);
  } catch (err) {
    logger.error('registry submit failed', { payload, response: err.response?.data }); // LEAK(logging): whole submission (name, DOB, labs) logged on failure
    throw err;
  }
}

async function fetchLabResults(patient) {
  const { data } = await labs.get(`/results?mrn=${encodeURIComponent(patient.mrn)}&dob=${patient.dob}`); // LEAK(exposure): MRN and DOB in the request URL
  return data.results;
}

module.exports = { submitMonthly, fetchLabResults };
