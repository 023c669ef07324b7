import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import AuditEvent from '#models/audit_event'

/**
 * Writes one audit_events row per request for routes that use it
 * (HIPAA 164.312(b): who, what route, which record, outcome).
 */
export default class AuditMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    let outcome = 'error'
    try {
      await next()
      outcome = ctx.response.getStatus() < 400 ? 'ok' : 'denied'
    } finally {
      await AuditEvent.record({
        actorId: ctx.auth.user?.id ?? null,
        route: ctx.route?.pattern ?? ctx.request.url(),
        targetId: ctx.params.id ?? ctx.params.woundId ?? null,
        outcome,
        ip: ctx.request.ip(),
      })
    }
  }
}
