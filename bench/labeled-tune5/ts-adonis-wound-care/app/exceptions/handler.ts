import app from '@adonisjs/core/services/app'
import { HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'

export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction // SAFE(exposure): no stack/debug pages in production

  async handle(error: unknown, ctx: HttpContext) {
    if (error instanceof vineErrors.E_VALIDATION_ERROR) {
      return ctx.response.status(422).send({ errors: error.messages, received: ctx.request.all() }) // LEAK(exposure): echoes submitted patient fields in the error body
    }
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    ctx.logger.error({ err: error, route: ctx.route?.pattern }, 'request failed') // SAFE(logging): error and route pattern only
    return super.report(error, ctx)
  }
}
