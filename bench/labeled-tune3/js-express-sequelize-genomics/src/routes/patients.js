const express = require('express');
const multer = require('multer');
const config = require('config');
const Patient = require('../models/patient');
const { auditTrail, requireCounselor } = require('../middleware');
const { identifyPatient, trackEvent } = require('../services/outbound');
const logger = require('../logger');

const router = express.Router();
router.use(requireCounselor, auditTrail);

const upload = multer({
  storage: multer.diskStorage({ // LEAK(storage): uploaded pedigree/VCF files land on local disk unencrypted
    destination: config.get('uploadDir'),
    filename: (req, file, cb) => cb(null, `${req.params.id}-${Date.now()}.upload`)
  }),
  limits: { fileSize: 200 * 1024 * 1024 }
});

router.post('/', async (req, res, next) => {
  try {
    const dto = req.body;
    const patient = await Patient.create({
      fullName: dto.fullName,
      dateOfBirth: dto.dateOfBirth,
      ssn: dto.ssn,
      email: dto.email,
      sexAtBirth: dto.sexAtBirth,
      ancestry: dto.ancestry,
      familyHistory: dto.familyHistory,
      orderingClinicId: req.auth.clinic
    });
    identifyPatient(patient.id, { email: dto.email, ancestry: dto.ancestry, brca_family_history: Boolean(dto.familyHistory?.breast) }); // LEAK(exposure): patient email, ancestry and family cancer history sent to Segment
    trackEvent(req.auth.sub, 'patient_registered', { clinic: req.auth.clinic }); // SAFE(exposure): staff id and clinic id only
    res.status(201).json({ id: patient.id });
  } catch (err) {
    next(err);
  }
});

router.get('/:id', async (req, res, next) => {
  try {
    const patient = await Patient.findByPk(req.params.id);
    if (!patient) return res.status(404).json({ error: 'not found' });
    res.json(patient.get({ plain: true }));
  } catch (err) {
    next(err);
  }
});

router.post('/:id/files', upload.single('file'), (req, res) => {
  logger.info({ patientId: req.params.id, bytes: req.file.size }, 'file received'); // SAFE(logging): surrogate id and a size
  res.status(201).json({ stored: req.file.filename });
});

module.exports = router;
