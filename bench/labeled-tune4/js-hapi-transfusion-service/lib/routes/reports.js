'use strict';

const { Issue, Patient } = require('../models');

async function exportIssueLog(request, h) { // LEAK(audit): monthly issue export with patient names, no plugins.audit on the route
  const month = request.query.month;
  const rows = await Issue.query().where('issued_at', 'like', `${month}%`);
  const out = [];
  for (const r of rows) {
    const p = await Patient.query().findById(r.patient_id);
    out.push([p.mrn, p.name, p.dob, r.unit_number, r.product].join(','));
  }
  return h.response(out.join('\n')).type('text/csv');
}

async function utilization(request) { // SAFE(audit): per-product counts only, no patient data
  const byProduct = await Issue.query().select('product').count('* as n').groupBy('product');
  return { month: request.query.month, byProduct };
}

module.exports = [
  { method: 'GET', path: '/api/reports/issue-log', handler: exportIssueLog },
  { method: 'GET', path: '/api/reports/utilization', handler: utilization },
];
