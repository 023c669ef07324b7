import {injectable, Interceptor, InvocationContext, InvocationResult, Provider, ValueOrPromise} from '@loopback/core';
import {repository} from '@loopback/repository';
import {SecurityBindings, UserProfile} from '@loopback/security';
import {AuditEventRepository} from '../repositories';

/**
 * Records who invoked which controller method on which record. Controllers opt in with
 * `@intercept(AuditInterceptor.BINDING_KEY)` at class or method level.
 */
@injectable({tags: {key: AuditInterceptor.BINDING_KEY}})
export class AuditInterceptor implements Provider<Interceptor> {
  static readonly BINDING_KEY = `interceptors.${AuditInterceptor.name}`;

  constructor(@repository(AuditEventRepository) private audit: AuditEventRepository) {}

  value() {
    return this.intercept.bind(this);
  }

  async intercept(ctx: InvocationContext, next: () => ValueOrPromise<InvocationResult>) {
    const user = await ctx.get<UserProfile>(SecurityBindings.USER, {optional: true});
    const action = `${ctx.targetClass.name}.${ctx.methodName}`;
    const target = typeof ctx.args[0] === 'string' ? ctx.args[0] : undefined;
    try {
      const result = await next();
      await this.audit.create({actor: user?.id ?? 'anonymous', action, target, outcome: 'ok'});
      return result;
    } catch (err) {
      await this.audit.create({actor: user?.id ?? 'anonymous', action, target, outcome: 'error'});
      throw err;
    }
  }
}
