const { MongoDBService } = require('@feathersjs/mongodb');
const { authenticate } = require('@feathersjs/authentication');
const { Conflict } = require('@feathersjs/errors');
const { auditTrail } = require('../hooks/audit');
const { sealFields } = require('../hooks/encrypt-fields');
const { workerKey } = require('../lib/crypto');

class EmployeeService extends MongoDBService {}

const rejectDuplicates = async (context) => {
  const data = context.data;
  data.workerKey = workerKey(data.ssn, data.employerId);
  const existing = await context.service.find({ query: { workerKey: data.workerKey, $limit: 1 }, paginate: false });
  if (existing.length) {
    throw new Conflict(`${data.name} (SSN ending ${String(data.ssn).slice(-4)}, DOB ${data.dob}) is already on file`, { data }); // LEAK(exposure): name and DOB returned in the 409 body
  }
};

module.exports = (app) => {
  app.use('employees', new EmployeeService({ paginate: app.get('paginate'), Model: app.get('mongodbClient').then((db) => db.collection('employees')) }));
  app.service('employees').hooks({
    around: {
      all: [authenticate('jwt'), auditTrail('employee'), sealFields(['name', 'ssn', 'dob', 'phone', 'address'])], // SAFE(storage): every identifier on the employee document is sealed
    },
    before: { create: [rejectDuplicates] },
  });
};
