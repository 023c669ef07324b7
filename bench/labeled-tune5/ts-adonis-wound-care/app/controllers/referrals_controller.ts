import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import AuditEvent from '#models/audit_event'
import FaxService from '#services/fax_service'

export default class ReferralsController {
  async accept({ params, auth, request }: HttpContext) { // SAFE(audit): outside the group but writes its own audit event
    const referral = await db.from('referrals').where('id', params.id).firstOrFail()
    await db.from('referrals').where('id', params.id).update({ status: 'accepted', accepted_by: auth.user!.id })
    await AuditEvent.record({ actorId: auth.user!.id, route: 'referrals.accept', targetId: String(params.id), outcome: 'ok', ip: request.ip() })
    await new FaxService().send(referral.referring_fax, 'Referral accepted; first visit will be scheduled within 72 hours.', Buffer.alloc(0))
    return { ok: true }
  }

  async inbound({ request, response }: HttpContext) { // LEAK(audit): inbound referral webhook creates patient referrals with no audit row
    const body = request.body()
    logger.info('referral received %o', body) // LEAK(logging): whole referral (name, DOB, diagnosis) formatted into the message, bypassing redact paths
    const [row] = await db
      .table('referrals')
      .insert({
        source: body.source,
        patient_name: body.patient?.name,
        patient_dob: body.patient?.dob,
        diagnosis: body.diagnosis,
        referring_fax: body.referringFax,
        status: 'new',
      })
      .returning('id')
    return response.created({ id: row.id })
  }
}
