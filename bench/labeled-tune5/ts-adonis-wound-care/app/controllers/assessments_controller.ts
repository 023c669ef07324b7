import type { HttpContext } from '@adonisjs/core/http'
import Wound from '#models/wound'
import WoundAssessment from '#models/wound_assessment'
import { assessmentValidator } from '#validators/patient'
import { healingNarrative } from '#services/narrative_service'
import queue from '@rlanz/bull-queue/services/main'
import WeeklyHealingReport from '#jobs/weekly_healing_report'

export default class AssessmentsController {
  async index({ params }: HttpContext) {
    return WoundAssessment.query().where('wound_id', params.woundId).orderBy('created_at', 'desc')
  }

  async store({ params, request, auth, logger }: HttpContext) {
    const data = await request.validateUsing(assessmentValidator)
    const wound = await Wound.query().where('id', params.woundId).preload('patient').firstOrFail()
    const item = await WoundAssessment.create({ ...data, woundId: wound.id, clinicianId: auth.user!.id })
    logger.info({ assessment: item.serialize() }, 'assessment saved') // LEAK(logging): measurements and clinical notes logged (not covered by redact)
    if (data.infectionSigns) {
      queue.dispatch(WeeklyHealingReport, { // LEAK(storage): patient name, email and wound details persisted as Bull job data in redis
        patientName: `${wound.patient.firstName} ${wound.patient.lastName}`,
        email: wound.patient.email,
        woundLocation: wound.location,
        etiology: wound.etiology,
        notes: data.notes,
      })
    }
    return item
  }

  async narrative({ params }: HttpContext) {
    const wound = await Wound.query().where('id', params.woundId).preload('patient').preload('assessments').firstOrFail()
    return { narrative: await healingNarrative(wound.patient, wound, wound.assessments) }
  }
}
