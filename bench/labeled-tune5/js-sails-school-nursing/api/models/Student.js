/**
 * Student.js: the health-office view of a student (synced nightly from the SIS).
 */
module.exports = {
  tableName: 'students',
  attributes: {
    sisId: { type: 'string', required: true, unique: true },
    stateStudentId: { type: 'string', required: true },
    firstName: { type: 'string', required: true },
    lastName: { type: 'string', required: true },
    dateOfBirth: { type: 'string', columnType: 'date', required: true },
    grade: { type: 'string' },
    schoolCode: { type: 'string', required: true },
    medicaidId: { type: 'string', encrypt: true }, // SAFE(storage): Waterline attribute encryption
    allergies: { type: 'json', encrypt: true },
    chronicConditions: { type: 'json', encrypt: true },
    counselorNotes: { type: 'string', columnType: 'text', allowNull: true }, // LEAK(storage): behavioral-health notes in a plaintext column next to encrypted attributes
    guardianName: { type: 'string' },
    guardianPhone: { type: 'string' },
    guardianEmail: { type: 'string', isEmail: true },
    preferredLanguage: { type: 'string', defaultsTo: 'en' },
    visits: { collection: 'healthvisit', via: 'student' },
    medications: { collection: 'medication', via: 'student' },
  },
  customToJSON: function () {
    return _.omit(this, ['medicaidId']);
  },
};
