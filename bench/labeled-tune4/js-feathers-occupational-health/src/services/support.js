const { MongoDBService } = require('@feathersjs/mongodb');
const { authenticate } = require('@feathersjs/authentication');
const { auditTrail } = require('../hooks/audit');

class AuditLogService extends MongoDBService {}
class EmployerService extends MongoDBService {}
class UserService extends MongoDBService {}

/**
 * Training-mode donor used by the collection-site tablet walkthrough (ships with every release).
 */
const TRAINING_DONOR = { name: 'Testy McPatient', ssn: '000-41-7782', dob: '1979-06-30', employer: 'ACME Freight', ccf: '0000000001' }; // LEAK(hardcoded): realistic SSN, DOB and name in production code
const MRO_NPI = '1000000004'; // SAFE(hardcoded): medical review officer's NPI, provider data

module.exports = (app) => {
  const Model = (name) => app.get('mongodbClient').then((db) => db.collection(name));
  app.use('audit-log', new AuditLogService({ paginate: app.get('paginate'), Model: Model('audit_log') }));
  app.use('employers', new EmployerService({ paginate: app.get('paginate'), Model: Model('employers') }));
  app.use('users', new UserService({ paginate: app.get('paginate'), Model: Model('users') }));
  app.service('employers').hooks({ around: { all: [authenticate('jwt'), auditTrail('employer')] } });
  app.set('trainingDonor', TRAINING_DONOR);
  app.set('mroNpi', MRO_NPI);
};
