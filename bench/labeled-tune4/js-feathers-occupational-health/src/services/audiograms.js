const { MongoDBService } = require('@feathersjs/mongodb');
const { authenticate } = require('@feathersjs/authentication');
const { auditTrail } = require('../hooks/audit');
const { audiogramQueue } = require('../lib/queue');

class AudiogramService extends MongoDBService {}

const queueShiftCheck = async (context) => {
  const item = context.result;
  await audiogramQueue
    .createJob({ worker: { name: item.workerName, employeeNo: item.employeeNo }, baseline: item.baseline, current: item.thresholds }) // LEAK(storage): worker name and audiometric thresholds stored in the redis job hash
    .retries(2)
    .save();
};

module.exports = (app) => {
  app.use('audiograms', new AudiogramService({ paginate: app.get('paginate'), Model: app.get('mongodbClient').then((db) => db.collection('audiograms')) }));
  app.service('audiograms').hooks({
    around: { all: [authenticate('jwt'), auditTrail('audiogram')] },
    after: { create: [queueShiftCheck] },
  });
};
