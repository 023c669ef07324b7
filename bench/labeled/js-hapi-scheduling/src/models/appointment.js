'use strict';

const mongoose = require('mongoose');

const { Schema } = mongoose;

const PatientBlock = new Schema(
  {
    mrn: { type: String, index: true },
    firstName: String,
    lastName: String,
    dob: Date,
    phone: String,
    email: String,
    memberId: String,
  },
  { _id: false },
);

const AppointmentSchema = new Schema(
  {
    patient: PatientBlock,
    providerId: { type: Schema.Types.ObjectId, ref: 'Clinician', required: true },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    reason: String,
    notes: String,
    status: {
      type: String,
      enum: ['booked', 'checked_in', 'cancelled', 'no_show', 'done'],
      default: 'booked',
    },
    remindedAt: Date,
  },
  { timestamps: true },
);

AppointmentSchema.index({ providerId: 1, start: 1 });

AppointmentSchema.statics.findOverlap = function findOverlap(providerId, start, end) {
  return this.findOne({
    providerId,
    status: { $in: ['booked', 'checked_in'] },
    start: { $lt: end },
    end: { $gt: start },
  }).lean();
};

const Clinician = mongoose.model(
  'Clinician',
  new Schema({ name: String, npi: String, specialty: String, active: { type: Boolean, default: true } }),
);

const Staff = mongoose.model(
  'Staff',
  new Schema({ email: String, displayName: String, role: String, active: Boolean }),
);

const AuditEntry = mongoose.model(
  'AuditEntry',
  new Schema({
    actor: String,
    action: String,
    resourceId: String,
    method: String,
    ip: String,
    at: { type: Date, default: Date.now },
  }),
);

module.exports = {
  Appointment: mongoose.model('Appointment', AppointmentSchema),
  Clinician,
  Staff,
  AuditEntry,
};
