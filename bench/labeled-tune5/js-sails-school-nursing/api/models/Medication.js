module.exports = {
  tableName: 'medications',
  attributes: {
    student: { model: 'student', required: true },
    drugName: { type: 'string', required: true },
    dose: { type: 'string', required: true },
    schedule: { type: 'string' },
    controlled: { type: 'boolean', defaultsTo: false },
    onHandCount: { type: 'number', defaultsTo: 0 },
    prescriber: { type: 'string' },
    administrations: { type: 'json', defaultsTo: [] },
  },
};
