const mongoose = require('mongoose');
const { logger } = require('../logger');
const { notify } = require('../services/notify');

const treatmentSchema = new mongoose.Schema(
  {
    patient: { type: mongoose.Schema.Types.ObjectId, ref: 'Patient', required: true, index: true },
    nurseId: { type: String, required: true },
    date: { type: Date, required: true },
    preWeightKg: Number,
    postWeightKg: Number,
    targetWeightKg: Number,
    preBp: String,
    postBp: String,
    ktv: Number,
    accessSite: String,
    complications: [String],
    notes: String,
  },
  { timestamps: true },
);

treatmentSchema.pre('save', function beforeSave(next) {
  logger.debug('saving treatment', this.toObject()); // LEAK(logging): vitals, access site and notes in the debug log
  next();
});

treatmentSchema.post('save', async function afterSave(doc) {
  logger.info('treatment saved', { treatmentId: doc.id }); // SAFE(logging): surrogate id only
  const gain = (doc.preWeightKg || 0) - (doc.targetWeightKg || 0);
  if (gain > 3) {
    await doc.populate('patient');
    await notify(`Fluid overload: ${doc.patient.firstName} ${doc.patient.lastName} chair ${doc.patient.chair} is +${gain.toFixed(1)} kg, BP ${doc.preBp}`); // LEAK(exposure): name and vitals posted to a Teams channel
  }
});

module.exports = mongoose.model('Treatment', treatmentSchema);
