const { authenticate } = require('@feathersjs/authentication');
const { NotFound } = require('@feathersjs/errors');
const { fetchResult } = require('../lib/lab-client');
const { logger } = require('../logger');

/** MRO review of DOT drug tests (custom service: results live at the lab, reviews in Mongo). */
class DrugTestService {
  constructor(app) {
    this.app = app;
    this.reviews = app.get('mongodbClient').then((db) => db.collection('mro_reviews'));
  }

  async get(ccfNumber, params) { // LEAK(audit): returns lab results and MRO notes; this service has no auditTrail hook
    const result = await fetchResult(this.app, ccfNumber);
    if (!result) throw new NotFound('no result for this CCF');
    const review = await (await this.reviews).findOne({ ccfNumber });
    return { ccfNumber, donor: result.donor, analytes: result.analytes, specimenValidity: result.validity, review };
  }

  async patch(ccfNumber, data, params) { // LEAK(audit): MRO verifies a positive (changes the result) without an audit record
    const reviews = await this.reviews;
    await reviews.updateOne(
      { ccfNumber },
      { $set: { verifiedResult: data.verifiedResult, prescriptionOnFile: data.prescriptionOnFile, mroNote: data.mroNote, mroId: params.user._id } },
      { upsert: true },
    );
    if (data.verifiedResult === 'POSITIVE') {
      logger.warn('verified positive ccf=%s analytes=%j note=%s', ccfNumber, data.analytes, data.mroNote); // LEAK(logging): verified-positive analytes and MRO note tied to the CCF
    }
    return { ccfNumber, verifiedResult: data.verifiedResult };
  }
}

module.exports = (app) => {
  app.use('drug-tests', new DrugTestService(app), { methods: ['get', 'patch'] });
  app.service('drug-tests').hooks({ around: { all: [authenticate('jwt')] } });
};
