/**
 * Bootstrap: runs on every lift, including production.
 */
const MEDICAID_ID_FORMAT = /^[0-9]{8}[A-Z]$/; // SAFE(hardcoded): a format pattern, not an identifier

module.exports.bootstrap = async function () {
  // Training record the health aides practice on during onboarding (kept in prod so the
  // onboarding checklist works in every school).
  const existing = await Student.findOne({ sisId: 'TRAIN-0001' });
  if (!existing) {
    await Student.create({
      sisId: 'TRAIN-0001',
      stateStudentId: '0094418273', // LEAK(hardcoded): real-format state student id seeded in production
      firstName: 'Testy',
      lastName: 'McStudent',
      dateOfBirth: '2012-04-09',
      schoolCode: 'EUSD-ELM',
      medicaidId: '00418827B',
      allergies: ['peanut'],
      chronicConditions: { asthma: true, immunizations: [] },
    });
  }
  if (process.env.MEDICAID_CHECK === '1') {
    const bad = (await Student.find({ medicaidId: { '!=': null } }).decrypt()).filter((s) => !MEDICAID_ID_FORMAT.test(s.medicaidId));
    sails.log.info('students with malformed Medicaid ids: %d', bad.length);
  }
};
