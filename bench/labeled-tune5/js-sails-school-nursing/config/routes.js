module.exports.routes = {
  'POST /api/auth/login': 'AuthController.login',
  'POST /api/auth/logout': 'AuthController.logout',

  'GET /api/students': 'StudentController.find',
  'GET /api/students/:id': 'StudentController.findOne',
  'GET /api/students/lookup/:lastName/:dateOfBirth': 'StudentController.lookup', // LEAK(exposure): student name and DOB in the URL path
  'PATCH /api/students/:id/health-profile': 'StudentController.updateHealthProfile',

  'GET /api/visits': 'VisitController.find',
  'POST /api/visits': 'VisitController.create',
  'POST /api/visits/:id/send-home': 'VisitController.sendHome',
  'GET /api/visits/export': 'VisitController.exportCsv',

  'POST /api/medications/:id/administer': 'MedicationController.administer',
  'GET /api/medications/due': 'MedicationController.due',
  'POST /api/medications/:id/count': 'MedicationController.recordCount',
};
