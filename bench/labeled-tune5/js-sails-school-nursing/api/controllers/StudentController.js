/**
 * StudentController: health-office roster and health profiles.
 */
const PROFILE_FIELDS = ['allergies', 'chronicConditions', 'counselorNotes', 'guardianPhone', 'guardianEmail', 'preferredLanguage'];

module.exports = {
  find: async function (req, res) {
    const schoolCode = req.param('school');
    const cacheKey = `roster:${schoolCode}`;
    let rows = await sails.helpers.cache.with({ key: cacheKey });
    if (!rows) {
      rows = await Student.find({ schoolCode }).sort('lastName ASC');
      await sails.helpers.cache.with({ key: cacheKey, value: rows, ttl: 900 }); // LEAK(storage): roster with allergies and conditions cached in redis as plaintext JSON
    }
    return res.ok(rows);
  },

  findOne: async function (req, res) {
    const student = await Student.findOne({ id: req.param('id') }).decrypt();
    if (!student) return res.notFound();
    sails.log.verbose('student profile loaded', student); // LEAK(logging): decrypted student health profile at verbose (the production level)
    return res.ok(student);
  },

  lookup: async function (req, res) {
    const lastName = req.param('lastName');
    const dateOfBirth = req.param('dateOfBirth');
    sails.log.info(`student lookup ${lastName} ${dateOfBirth} by ${req.session.userId}`); // LEAK(logging): name and DOB in the log line
    const matches = await Student.find({ lastName, dateOfBirth }).limit(10);
    return res.ok(matches.map((s) => ({ id: s.id, firstName: s.firstName, lastName: s.lastName, grade: s.grade, schoolCode: s.schoolCode })));
  },

  updateHealthProfile: async function (req, res) {
    const changes = _.pick(req.allParams(), PROFILE_FIELDS);
    try {
      const updated = await Student.updateOne({ id: req.param('id') }).set(changes);
      sails.log.info('health profile updated student=%s fields=%s', updated.id, Object.keys(changes).join(',')); // SAFE(logging): surrogate id and field names
      await sails.helpers.cache.with({ key: `roster:${updated.schoolCode}`, value: null, ttl: 1 });
      return res.ok({ id: updated.id });
    } catch (err) {
      return res.badRequest({ error: err.message, submitted: changes }); // LEAK(exposure): echoes submitted health profile and validation text
    }
  },
};
