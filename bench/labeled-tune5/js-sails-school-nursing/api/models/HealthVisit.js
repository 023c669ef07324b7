module.exports = {
  tableName: 'health_visits',
  attributes: {
    student: { model: 'student', required: true },
    nurseId: { type: 'string', required: true },
    chiefComplaint: { type: 'string', required: true, encrypt: true },
    assessment: { type: 'string', columnType: 'text', encrypt: true },
    temperatureF: { type: 'number', allowNull: true },
    disposition: { type: 'string', isIn: ['returned_to_class', 'sent_home', 'ems', 'parent_pickup'] },
    visitedAt: { type: 'number', required: true },
  },
};
