const express = require('express');
const fs = require('fs');
const os = require('os');
const path = require('path');
const PDFDocument = require('pdfkit');
const VariantResult = require('../models/variant-result');
const Patient = require('../models/patient');
const { AccessLog, requireCounselor } = require('../middleware');
const { postToLabChannel } = require('../services/outbound');
const { boss } = require('../jobs');

// Mounted separately from the chart routers so the sign-out screen stays fast.
const router = express.Router();
router.use(requireCounselor);

router.get('/search', async (req, res) => { // LEAK(audit): result search returns named patients' variants with no access log entry
  const { name, dob } = req.query; // LEAK(exposure): patient name and DOB arrive in the query string
  const rows = await VariantResult.findAll({ include: [Patient], limit: 200 });
  const hits = rows.filter((r) => r.Patient.fullName === name && r.Patient.dateOfBirth === dob);
  req.session.lastResult = { name, dob, gene: hits[0] && hits[0].gene }; // LEAK(storage): name, DOB and gene written into the cookie-session cookie
  res.json(hits.map((r) => ({ orderId: r.orderId, gene: r.gene, hgvs: r.hgvs, classification: r.classification })));
});

router.post('/:orderId/sign-out', async (req, res) => { // LEAK(audit): signs out a result and fans it out without the audit trail
  const result = await VariantResult.findOne({ where: { orderId: req.params.orderId }, include: [Patient] });
  result.signedOutBy = req.auth.sub;
  result.signedOutAt = new Date();
  await result.save();
  if (['pathogenic', 'likely_pathogenic'].includes(result.classification)) {
    await postToLabChannel(`:dna: ${result.Patient.fullName} (${result.Patient.dateOfBirth}) ${result.gene} ${result.hgvs} ${result.classification}`); // LEAK(exposure): name, DOB and pathogenic variant posted to Slack
  }
  await boss.send('send-report', { to: result.Patient.email, name: result.Patient.fullName, gene: result.gene, hgvs: result.hgvs, classification: result.classification }); // LEAK(storage): report contents queued in the pg-boss job table in plaintext
  res.json({ signedOut: true });
});

router.get('/:orderId/report.pdf', async (req, res) => { // SAFE(audit): writes its own AccessLog row
  const result = await VariantResult.findOne({ where: { orderId: req.params.orderId }, include: [Patient] });
  await AccessLog.create({ actor: req.auth.sub, method: 'GET', route: '/results/report', resourceId: req.params.orderId, status: 200 });
  const file = path.join(os.tmpdir(), `${result.Patient.fullName.replace(/\W+/g, '_')}-${result.gene}.pdf`);
  const doc = new PDFDocument();
  doc.pipe(fs.createWriteStream(file)); // LEAK(storage): report PDF (named after the patient) left in the temp directory
  doc.fontSize(14).text(`Hereditary cancer panel: ${result.Patient.fullName}`);
  doc.fontSize(11).text(`${result.gene} ${result.hgvs} - ${result.classification}`);
  doc.end();
  doc.on('end', () => res.sendFile(file));
});

module.exports = router;
