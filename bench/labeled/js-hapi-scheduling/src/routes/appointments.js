'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const Joi = require('joi');
const Boom = require('@hapi/boom');
const Jwt = require('jsonwebtoken');
const config = require('../../config');
const { Appointment, Clinician } = require('../models/appointment');
const { logEvent } = require('../lib/logger');
const { sendCheckinLink } = require('../lib/reminders');

const objectId = Joi.string().hex().length(24);

const patientSchema = Joi.object({
  mrn: Joi.string().required(),
  firstName: Joi.string().required(),
  lastName: Joi.string().required(),
  dob: Joi.date().iso().required(),
  phone: Joi.string().allow(''),
  email: Joi.string().email().allow(''),
  memberId: Joi.string().allow(''),
});

function toCsv(list) {
  const head = 'start,provider,mrn,last,first,dob,phone,reason,status';
  const lines = list.map((r) =>
    [
      r.start.toISOString(),
      r.providerId,
      r.patient.mrn,
      r.patient.lastName,
      r.patient.firstName,
      r.patient.dob ? r.patient.dob.toISOString().slice(0, 10) : '',
      r.patient.phone,
      JSON.stringify(r.reason || ''),
      r.status,
    ].join(','),
  );
  return [head, ...lines].join('\n');
}

module.exports = [
  {
    method: 'GET',
    path: '/api/appointments',
    options: {
      plugins: { audit: 'appointment.list' },
      validate: { query: Joi.object({ date: Joi.date().iso().required(), providerId: objectId }) },
      handler: async (request) => {
        const day = new Date(request.query.date);
        const filter = { start: { $gte: day, $lt: new Date(day.getTime() + 864e5) } };
        if (request.query.providerId) filter.providerId = request.query.providerId;
        const list = await Appointment.find(filter).sort({ start: 1 }).lean();
        logEvent('day sheet loaded', { count: list.length, providerId: request.query.providerId }); // SAFE(logging): count and staff id
        return list;
      },
    },
  },

  {
    method: 'GET',
    path: '/api/appointments/{id}',
    options: {
      plugins: { audit: 'appointment.read' },
      validate: { params: Joi.object({ id: objectId }) },
      handler: async (request) => {
        const row = await Appointment.findById(request.params.id).lean();
        if (!row) throw Boom.notFound(`appointment ${request.params.id} not found`); // SAFE(exposure): surrogate id only
        request.log(['appointment', 'debug'], row); // LEAK(logging): whole appointment incl. patient block
        return row;
      },
    },
  },

  {
    method: 'POST',
    path: '/api/appointments',
    options: {
      plugins: { audit: 'appointment.create' },
      validate: {
        payload: Joi.object({
          patient: patientSchema.required(),
          providerId: objectId.required(),
          start: Joi.date().iso().required(),
          end: Joi.date().iso().greater(Joi.ref('start')).required(),
          reason: Joi.string().max(500).allow(''),
        }),
      },
      handler: async (request, h) => {
        const { patient, providerId, start, end, reason } = request.payload;
        const clash = await Appointment.findOverlap(providerId, start, end);
        if (clash) {
          throw Boom.conflict(`${patient.lastName}, ${patient.firstName} (DOB ${patient.dob.toISOString().slice(0, 10)}) overlaps ${clash._id}`); // LEAK(exposure): name and DOB in the 409 body
        }
        const row = await Appointment.create({ patient, providerId, start, end, reason });
        logEvent('appointment booked', { id: row.id, providerId }); // SAFE(logging): ids only
        return h.response(row).code(201);
      },
    },
  },

  {
    method: 'PATCH',
    path: '/api/appointments/{id}/notes',
    options: {
      validate: {
        params: Joi.object({ id: objectId }),
        payload: Joi.object({ notes: Joi.string().max(4000).allow('') }),
      },
      handler: async (request) => { // LEAK(audit): edits visit notes but has no plugins.audit entry
        const row = await Appointment.findByIdAndUpdate(request.params.id, { notes: request.payload.notes }, { new: true }).lean();
        if (!row) throw Boom.notFound();
        return { id: row._id, notes: row.notes, updatedAt: row.updatedAt };
      },
    },
  },

  {
    method: 'POST',
    path: '/api/appointments/{id}/cancel',
    options: {
      plugins: { audit: 'appointment.cancel' },
      validate: { params: Joi.object({ id: objectId }) },
      handler: async (request) => {
        const row = await Appointment.findByIdAndUpdate(request.params.id, { status: 'cancelled' }, { new: true }).lean();
        if (!row) throw Boom.notFound();
        request.log(['appointment', 'cancel'], `cancelled ${row.patient.firstName} ${row.patient.lastName} / ${row.reason}`); // LEAK(logging): name and visit reason
        return { id: row._id, status: row.status };
      },
    },
  },

  {
    method: 'POST',
    path: '/api/appointments/{id}/checkin-link',
    options: {
      plugins: { audit: 'appointment.checkin_link' },
      validate: { params: Joi.object({ id: objectId }) },
      handler: async (request) => {
        const row = await Appointment.findById(request.params.id).lean();
        if (!row) throw Boom.notFound();
        const token = Jwt.sign({ appt: String(row._id), mrn: row.patient.mrn, dob: row.patient.dob }, config.jwt.key); // LEAK(session): patient check-in token has no expiry
        const url = `${config.checkinBaseUrl}/c?t=${token}`; // LEAK(exposure): JWT payload (MRN, DOB) is readable base64 in the URL
        await sendCheckinLink(row, url);
        return { sent: true };
      },
    },
  },

  {
    method: 'GET',
    path: '/api/appointments/export.csv',
    options: {
      validate: { query: Joi.object({ from: Joi.date().iso().required(), to: Joi.date().iso().required() }) },
      handler: async (request, h) => { // LEAK(audit): bulk PHI export escapes the audit extension
        const list = await Appointment.find({ start: { $gte: request.query.from, $lt: request.query.to } }).lean();
        const file = path.join(os.tmpdir(), `appointments-${Date.now()}.csv`);
        await fs.promises.writeFile(file, toCsv(list)); // LEAK(storage): plaintext PHI CSV left in tmp
        return h.file(file, { mode: 'attachment', filename: 'appointments.csv', confine: false });
      },
    },
  },

  {
    method: 'GET',
    path: '/api/patients/lookup',
    options: {
      plugins: { audit: 'patient.lookup' },
      validate: {
        query: Joi.object({ lastName: Joi.string().required(), dob: Joi.date().iso().required() }), // LEAK(exposure): name and DOB in the query string
      },
      handler: async (request) => {
        const { lastName, dob } = request.query;
        const list = await Appointment.find({ 'patient.lastName': new RegExp(`^${lastName}`, 'i'), 'patient.dob': dob })
          .limit(20)
          .lean();
        return list.map((r) => ({ id: r._id, patient: r.patient, start: r.start, status: r.status }));
      },
    },
  },

  {
    method: 'GET',
    path: '/api/clinicians',
    options: {
      handler: async () => Clinician.find({ active: true }).select('name npi specialty').lean(), // SAFE(audit): staff directory, no PHI
    },
  },
];
