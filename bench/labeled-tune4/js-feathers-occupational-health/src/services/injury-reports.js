const { authenticate } = require('@feathersjs/authentication');
const { codeInjury } = require('../lib/llm');
const { Honeybadger } = require('../hooks/log-error');

/** Workers' comp first report of injury. */
class InjuryReportService {
  constructor(app) {
    this.app = app;
    this.col = app.get('mongodbClient').then((db) => db.collection('injury_reports'));
  }

  async create(data, params) { // SAFE(audit): writes its own audit-log entry (the service is called from the kiosk flow, not via REST hooks)
    Honeybadger.setContext({ injuryWorker: data.workerName, employer: data.employer, mechanism: data.mechanism }); // LEAK(logging): worker name and injury mechanism set as context on every later error report
    const coding = await codeInjury(data);
    const doc = { ...data, suggestedIcd10: coding.icd10, oshaRecordable: coding.oshaRecordable, createdAt: new Date() };
    const { insertedId } = await (await this.col).insertOne(doc);
    await this.app.service('audit-log').create({ at: new Date(), actor: params.user ? String(params.user._id) : 'kiosk', resource: 'injury-report', method: 'create', target: String(insertedId) });
    return { _id: insertedId, suggestedIcd10: coding.icd10 };
  }
}

module.exports = (app) => {
  app.use('injury-reports', new InjuryReportService(app), { methods: ['create'] });
  app.service('injury-reports').hooks({ around: { all: [authenticate('jwt')] } });
};
