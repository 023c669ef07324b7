const express = require('express');
const Patient = require('../models/patient');
const { auditTrail, requireCounselor } = require('../middleware');
const { submitManifest } = require('../services/outbound');
const { boss } = require('../jobs');

const router = express.Router();
router.use(requireCounselor, auditTrail);

router.post('/', async (req, res, next) => {
  try {
    const { patientIds, panel } = req.body;
    const patients = await Patient.findAll({ where: { id: patientIds } });
    const samples = patients.map((p) => ({
      accession: `HX-${p.id.slice(0, 8)}`,
      sex: p.sexAtBirth,
      dob: p.dateOfBirth,
      name: p.fullName,
      panel
    }));
    const manifestId = await submitManifest(samples);
    await boss.send('poll-calls', { manifestId, orderIds: samples.map((s) => s.accession) }); // SAFE(storage): job payload holds only manifest and accession ids
    res.status(202).json({ manifestId });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
