import type { HttpContext } from '@adonisjs/core/http'
import { inject } from '@adonisjs/core'
import Patient from '#models/patient'
import { createPatientValidator } from '#validators/patient'
import KlaviyoService from '#services/klaviyo_service'

@inject()
export default class PatientsController {
  constructor(private klaviyo: KlaviyoService) {}

  async show({ params, logger }: HttpContext) {
    const patient = await Patient.query().where('id', params.id).preload('wounds').firstOrFail()
    logger.debug({ patientId: patient.id, wounds: patient.wounds.length }, 'patient chart opened') // SAFE(logging): surrogate id and a count
    return patient
  }

  async store({ request, response, logger }: HttpContext) {
    const payload = await request.validateUsing(createPatientValidator)
    const patient = await Patient.create({ ...payload, status: 'active' } as any)
    logger.info({ mrn: patient.mrn, name: `${patient.firstName} ${patient.lastName}`, comorbidities: patient.comorbidities }, 'patient registered') // LEAK(logging): MRN, name and comorbidities (not in the redact list)
    return response.created({ id: patient.id })
  }

  async discharge({ params, request }: HttpContext) {
    const patient = await Patient.query().where('id', params.id).preload('wounds').firstOrFail()
    patient.status = request.input('healed') ? 'healed' : 'discharged'
    await patient.save()
    if (patient.email) {
      await this.klaviyo.event(patient.email, 'Wound Healed', { // LEAK(exposure): patient email plus wound etiology and location sent to a marketing platform
        firstName: patient.firstName,
        etiology: patient.wounds.map((w) => w.etiology),
        location: patient.wounds.map((w) => w.location),
      })
    }
    return { id: patient.id, status: patient.status }
  }
}
