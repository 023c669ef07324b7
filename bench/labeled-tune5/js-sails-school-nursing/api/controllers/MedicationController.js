/**
 * MedicationController: scheduled and PRN medication administration.
 */
module.exports = {
  due: async function (req, res) {
    const meds = await Medication.find({ schedule: { '!=': 'prn' } }).populate('student');
    return res.ok(meds);
  },

  administer: async function (req, res) {
    const med = await Medication.findOne({ id: req.param('id') }).populate('student');
    if (!med) return res.notFound();
    const entry = { at: Date.now(), by: req.session.userId, dose: med.dose };
    await Medication.updateOne({ id: med.id }).set({
      administrations: [...med.administrations, entry],
      onHandCount: Math.max(0, med.onHandCount - 1),
    });
    sails.log.info('administered %s %s to %s %s', med.drugName, med.dose, med.student.firstName, med.student.lastName); // LEAK(logging): drug, dose and student name logged
    return res.ok(entry);
  },

  recordCount: async function (req, res) { // SAFE(audit): not behind audit-access but records its own audit event
    const med = await Medication.findOne({ id: req.param('id') });
    if (!med || !med.controlled) return res.badRequest({ error: 'not a controlled medication' });
    const counted = Number(req.param('counted'));
    await Medication.updateOne({ id: med.id }).set({ onHandCount: counted });
    await sails.helpers.recordAudit.with({ actor: String(req.session.userId), action: 'medication/count', target: String(med.id), status: 200, ip: req.ip });
    return res.ok({ id: med.id, onHandCount: counted, discrepancy: counted !== med.onHandCount });
  },
};
