const express = require('express');
const axios = require('axios');
const Patient = require('../models/Patient');
const { audit } = require('../middleware/audit');
const { logEvent } = require('../logger');
const { fetchLabResults } = require('../services/registry');

const router = express.Router();

router.get('/search', audit('patient.search'), async (req, res) => {
  const { lastName, dob } = req.query; // LEAK(exposure): surname and DOB sent as query parameters
  const rows = await Patient.find({ clinicId: req.session.user.clinicId });
  res.json(rows.filter((p) => p.lastName === lastName && p.dob === dob));
});

router.get('/:id', audit('patient.read'), async (req, res) => { // SAFE(audit): audited read
  const doc = await Patient.findById(req.params.id);
  if (!doc) return res.status(404).json({ error: 'not found' });
  res.cookie('rp_recent', JSON.stringify({ id: doc.id, name: `${doc.lastName}, ${doc.firstName}`, chair: doc.chair }), { maxAge: 86400000 }); // LEAK(storage): patient name in a plain browser cookie
  res.json(doc);
});

router.put('/:id', audit('patient.update'), async (req, res) => {
  logEvent('patient.update', { patientId: req.params.id, changes: req.body }); // LEAK(logging): submitted demographics in the event log
  const doc = await Patient.findById(req.params.id);
  Object.assign(doc, req.body);
  await doc.save();
  res.json(doc);
});

router.get('/:id/labs', audit('patient.labs'), async (req, res) => {
  const doc = await Patient.findById(req.params.id);
  res.json(await fetchLabResults(doc));
});

router.post('/:id/transfer', async (req, res) => { // LEAK(audit): sends the chart to another facility without an audit entry
  const doc = await Patient.findById(req.params.id);
  const packet = { patient: doc.toObject({ getters: true }), reason: req.body.reason, receivingFacility: req.body.facilityCcn };
  await axios.post(`https://interop.renalnet-partners.org/transfers/${encodeURIComponent(req.body.facilityCcn)}`, packet, { timeout: 20000 });
  res.status(202).json({ status: 'sent' });
});

module.exports = router;
