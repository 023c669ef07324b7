const path = require('node:path');
const XLSX = require('xlsx');
const { authenticate } = require('@feathersjs/authentication');
const { exportLinkToken } = require('../authentication');
const { transport } = require('../lib/mailer');
const { unseal } = require('../lib/crypto');

const EXPORT_DIR = process.env.EXPORT_DIR || '/srv/worksafe/exports';

/** Quarterly compliance roster for an employer (surveillance exams, audiograms, drug tests). */
class EmployerExportService {
  constructor(app) {
    this.app = app;
  }

  async create(data, params) { // LEAK(audit): builds and sends a roster of employee health results; no auditTrail hook, no audit-log call
    const db = await this.app.get('mongodbClient');
    const employees = await db.collection('employees').find({ employerId: data.employerId }).toArray();
    const exams = await db.collection('exams').find({ employerId: data.employerId, date: { $gte: data.from } }).toArray();
    const rows = employees.map((e) => {
      const exam = exams.find((x) => x.employeeNo === e.employeeNo) || {};
      return { name: unseal(e.name), dob: unseal(e.dob), employeeNo: e.employeeNo, exam: exam.examType, determination: exam.determination, restrictions: exam.workRestrictions };
    });
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.json_to_sheet(rows), 'Roster');
    const file = path.join(EXPORT_DIR, `${data.employerId}-${Date.now()}.xlsx`);
    XLSX.writeFile(wb, file); // LEAK(storage): unencrypted spreadsheet of names, DOBs and restrictions on the export share
    const exportDoc = await db.collection('exports').insertOne({ employerId: data.employerId, file, createdAt: new Date() });
    const link = `https://employers.worksafe-occhealth.com/download/${exportDoc.insertedId}?t=${exportLinkToken(this.app, String(exportDoc.insertedId))}`;
    await transport(this.app).sendMail({ from: 'reports@worksafe-occhealth.com', to: data.hrEmail, subject: 'Your compliance roster is ready', text: `Download (valid 10 minutes): ${link}` }); // SAFE(exposure): email carries only a short-lived link
    return { file: path.basename(file), rows: rows.length };
  }
}

module.exports = (app) => {
  app.use('employer-exports', new EmployerExportService(app), { methods: ['create'] });
  app.service('employer-exports').hooks({ around: { all: [authenticate('jwt')] } });
};
