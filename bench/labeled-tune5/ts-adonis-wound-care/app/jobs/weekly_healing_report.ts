import { Job } from '@rlanz/bull-queue'
import mail from '@adonisjs/mail/services/main'
import logger from '@adonisjs/core/services/logger'

interface WeeklyHealingReportPayload {
  patientName: string
  email: string | null
  woundLocation: string
  etiology: string
  notes?: string
}

export default class WeeklyHealingReport extends Job {
  static get $$filepath() {
    return import.meta.url
  }

  async handle(payload: WeeklyHealingReportPayload) { // LEAK(audit): job mails wound details to the patient without an audit record
    if (!payload.email) return
    await mail.send((message) => { // LEAK(exposure): name and wound finding in the email subject and body
      message
        .to(payload.email!)
        .subject(`${payload.patientName}: signs of infection noted at your ${payload.woundLocation} wound`)
        .text(`Your clinician noted possible infection of your ${payload.etiology.replace('_', ' ')} wound. Notes: ${payload.notes ?? ''}. Please call us today.`)
    })
  }

  async rescue(payload: WeeklyHealingReportPayload, error: Error) {
    logger.error(`healing report failed for ${payload.patientName} <${payload.email}>: ${error.message}`) // LEAK(logging): patient name and email in a failure log
  }
}
