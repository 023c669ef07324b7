/**
 * Policy mappings. Every controller action is authenticated and audited unless listed below.
 */
module.exports.policies = {
  '*': ['is-logged-in', 'audit-access'],

  AuthController: {
    login: true,
    logout: 'is-logged-in',
  },

  VisitController: {
    exportCsv: 'is-logged-in',
  },

  MedicationController: {
    recordCount: 'is-logged-in',
  },
};
