const fs = require('fs');
const path = require('path');
const config = require('config');
const express = require('express');
const { stringify } = require('csv-stringify/sync');
const Treatment = require('../models/Treatment');
const { audit } = require('../middleware/audit');

const router = express.Router({ mergeParams: true });

router.get('/', audit('treatment.list'), async (req, res) => {
  res.json(await Treatment.find({ patient: req.params.patientId }).sort({ date: -1 }).limit(60));
});

router.post('/', audit('treatment.create'), async (req, res) => {
  const item = await Treatment.create({ ...req.body, patient: req.params.patientId, nurseId: req.session.user.id });
  res.status(201).json({ id: item.id });
});

router.get('/export/today.csv', async (req, res) => { // LEAK(audit): unit-wide export with no audit entry
  const start = new Date();
  start.setHours(0, 0, 0, 0);
  const rows = await Treatment.find({ date: { $gte: start } }).populate('patient');
  const csv = stringify(rows.map((t) => [t.patient.lastName, t.patient.firstName, t.patient.chair, t.preWeightKg, t.postWeightKg, t.preBp, t.ktv, (t.complications || []).join('|')]));
  const file = path.join(config.get('exports.dir'), `treatments-${start.toISOString().slice(0, 10)}.csv`);
  fs.writeFileSync(file, csv); // LEAK(storage): plaintext CSV of names and vitals on the unit file share
  res.download(file);
});

module.exports = router;
