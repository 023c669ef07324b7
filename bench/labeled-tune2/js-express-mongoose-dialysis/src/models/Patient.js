const crypto = require('crypto');
const mongoose = require('mongoose');
const { fieldEncryption } = require('mongoose-field-encryption');

const patientSchema = new mongoose.Schema(
  {
    mrn: { type: String, required: true },
    mrnHash: { type: String, index: true, unique: true }, // SAFE(storage): keyed HMAC of the MRN for lookups
    firstName: String,
    lastName: String,
    dob: String,
    ssn: String,
    phone: String,
    insuranceMemberId: String,
    hepBStatus: { type: String, enum: ['immune', 'susceptible', 'positive', 'unknown'], default: 'unknown' }, // LEAK(storage): hepatitis B status stored in plaintext while the identifiers are encrypted
    clinicId: { type: mongoose.Schema.Types.ObjectId, ref: 'Clinic' },
    chair: String,
    shift: { type: String, enum: ['MWF-1', 'MWF-2', 'TTS-1', 'TTS-2'] },
  },
  { timestamps: true },
);

patientSchema.plugin(fieldEncryption, {
  fields: ['mrn', 'firstName', 'lastName', 'dob', 'ssn', 'phone', 'insuranceMemberId'], // SAFE(storage): identifiers encrypted at the field level
  secret: process.env.FIELD_SECRET,
});

patientSchema.statics.hashMrn = function hashMrn(mrn) {
  return crypto.createHmac('sha256', process.env.MRN_HMAC_KEY).update(mrn.trim()).digest('hex'); // SAFE(crypto): keyed HMAC
};

patientSchema.pre('validate', function setHash(next) {
  if (this.isModified('mrn')) this.mrnHash = this.constructor.hashMrn(this.mrn);
  next();
});

patientSchema.set('toJSON', {
  transform(doc, ret) {
    if (ret.ssn) ret.ssn = `***-**-${ret.ssn.slice(-4)}`; // SAFE(exposure): SSN masked in every API response
    delete ret.mrnHash;
    return ret;
  },
});

module.exports = mongoose.model('Patient', patientSchema);
