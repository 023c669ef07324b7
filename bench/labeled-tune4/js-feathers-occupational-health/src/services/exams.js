const { MongoDBService } = require('@feathersjs/mongodb');
const { authenticate } = require('@feathersjs/authentication');
const { auditTrail } = require('../hooks/audit');
const { sealFields } = require('../hooks/encrypt-fields');
const { notifyEmployer } = require('../lib/employer-webhook');
const { logger } = require('../logger');

class ExamService extends MongoDBService {}

/** after create: tell the employer the outcome of the physical / respirator clearance. */
const sendDetermination = async (context) => {
  const exam = context.result;
  const employer = await context.app.service('employers').get(exam.employerId);
  const payload = {
    employeeNo: exam.employeeNo,
    examType: exam.examType,
    determination: exam.determination,
    restrictions: exam.workRestrictions,
    diagnosis: exam.diagnosis,
    bloodPressure: exam.vitals && `${exam.vitals.sbp}/${exam.vitals.dbp}`,
  };
  await notifyEmployer(context.app, employer, payload); // LEAK(exposure): diagnosis and vitals disclosed to the employer beyond the fitness determination
  logger.info('exam %s determination %s sent for employee %s', exam._id, exam.determination, exam.employeeNo); // LEAK(logging): employee number with the exam determination
};

module.exports = (app) => {
  app.use('exams', new ExamService({ paginate: app.get('paginate'), Model: app.get('mongodbClient').then((db) => db.collection('exams')) }));
  app.service('exams').hooks({
    around: {
      all: [authenticate('jwt'), auditTrail('exam'), sealFields(['findings', 'history'])], // LEAK(storage): findings are sealed but diagnosis, workRestrictions and vitals are stored in clear
    },
    after: { create: [sendDetermination] },
  });
};
