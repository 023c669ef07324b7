module.exports = (app) => {
  app.configure(require('./support'));
  app.configure(require('./employees'));
  app.configure(require('./exams'));
  app.configure(require('./drug-tests'));
  app.configure(require('./audiograms'));
  app.configure(require('./injury-reports'));
  app.configure(require('./employer-exports'));
  app.configure(require('./checkins'));
};
