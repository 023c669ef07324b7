'use strict';

const axios = require('axios');
const config = require('../../config');
const { Appointment, AuditEntry } = require('../models/appointment');
const { logger } = require('./logger');

const fmtTime = (d) =>
  new Date(d).toLocaleString('en-US', { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

async function sendSms(to, text) {
  const { data } = await axios.post(config.reminders.gatewayUrl, { to, text, sender: 'NGFM' }, { timeout: 5000 });
  if (data.status !== 'queued') {
    throw new Error(`gateway rejected message to ${to}: ${data.status}`); // LEAK(logging): patient phone in exception text
  }
  return data;
}

async function sendCheckinLink(row, url) {
  return sendSms(row.patient.phone, `${config.clinic.name}: check in for your ${fmtTime(row.start)} visit here ${url}`);
}

async function sendReminders(now = new Date()) { // SAFE(audit): job writes its own audit entry per disclosure
  const lead = config.reminders.leadHours * 36e5;
  const from = new Date(now.getTime() + lead - 15 * 6e4);
  const to = new Date(now.getTime() + lead + 15 * 6e4);

  const due = await Appointment.find({ status: 'booked', remindedAt: null, start: { $gte: from, $lt: to } }).lean();
  let sent = 0;
  let skipped = 0;

  for (const row of due) {
    if (config.reminders.suppressForMrns.includes(row.patient.mrn)) {
      skipped += 1;
      continue;
    }
    try {
      await sendSms(row.patient.phone, `Hi ${row.patient.firstName}, reminder: you have an appointment at ${config.clinic.name} on ${fmtTime(row.start)}. Call ${config.clinic.phone} to reschedule.`);
      await AuditEntry.create({ actor: 'system:reminders', action: 'reminder.sent', resourceId: String(row._id) });
      await Appointment.updateOne({ _id: row._id }, { remindedAt: new Date() });
      sent += 1;
    } catch (err) {
      logger.warn(`reminder for ${row.patient.firstName} ${row.patient.lastName} failed: ${err.message}`); // LEAK(logging): patient name in log line
    }
  }

  logger.info({ sent, skipped, total: due.length }, 'reminder batch done'); // SAFE(logging): counts only
  return { sent, skipped };
}

module.exports = { sendReminders, sendCheckinLink };
