/**
 * VisitController: health-office visits.
 */
const fs = require('fs');
const path = require('path');
const { stringify } = require('csv-stringify/sync');

module.exports = {
  find: async function (req, res) {
    const since = Number(req.param('since')) || Date.now() - 24 * 60 * 60 * 1000;
    const visits = await HealthVisit.find({ visitedAt: { '>=': since } }).populate('student').decrypt();
    sails.log.info('visit list: %d visits since %s', visits.length, new Date(since).toISOString()); // SAFE(logging): a count and a time window
    return res.ok(visits);
  },

  create: async function (req, res) {
    const item = req.allParams();
    const student = await Student.findOne({ id: item.student });
    if (!student) return res.badRequest({ error: 'unknown student' });
    const visit = await HealthVisit.create({
      student: student.id,
      nurseId: String(req.session.userId),
      chiefComplaint: item.chiefComplaint,
      assessment: item.assessment,
      temperatureF: item.temperatureF,
      disposition: item.disposition,
      visitedAt: Date.now(),
    }).fetch();
    sails.sockets.broadcast(`nurses-${student.schoolCode}`, 'visit', { id: visit.id, studentId: student.id });
    sails.helpers.trackEvent.with({ // SAFE(exposure): pseudonymous id, disposition and school code
      userId: sails.helpers.pseudonym(String(student.id)),
      event: 'Visit Logged',
      properties: { disposition: visit.disposition, schoolCode: student.schoolCode },
    });
    return res.status(201).json({ id: visit.id });
  },

  sendHome: async function (req, res) {
    const visit = await HealthVisit.findOne({ id: req.param('id') }).populate('student').decrypt();
    const student = await Student.findOne({ id: visit.student.id }).decrypt();
    await HealthVisit.updateOne({ id: visit.id }).set({ disposition: 'sent_home' });
    await sails.helpers.notifyGuardian.with({ student, visit: { ...visit, disposition: 'sent_home' }, urgent: true });
    sails.helpers.trackEvent.with({ // LEAK(exposure): state student id and complaint sent to RudderStack
      userId: student.stateStudentId,
      event: 'Student Sent Home',
      properties: { complaint: visit.chiefComplaint, temperatureF: visit.temperatureF, grade: student.grade },
    });
    return res.ok();
  },

  exportCsv: async function (req, res) { // LEAK(audit): bulk visit export is mapped without the audit-access policy
    const rows = await HealthVisit.find().populate('student').decrypt();
    const csv = stringify(
      rows.map((v) => [v.student.lastName, v.student.firstName, v.student.dateOfBirth, v.chiefComplaint, v.assessment, v.disposition, new Date(v.visitedAt).toISOString()]),
      { header: true, columns: ['last', 'first', 'dob', 'complaint', 'assessment', 'disposition', 'visited'] },
    );
    const file = path.join(sails.config.custom.reportDir, `visits-${Date.now()}.csv`);
    fs.writeFileSync(file, csv); // LEAK(storage): plaintext visit export left on disk
    res.attachment('visits.csv');
    return res.send(csv);
  },
};
