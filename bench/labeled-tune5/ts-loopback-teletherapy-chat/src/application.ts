import {BootMixin} from '@loopback/boot';
import {ApplicationConfig, createBindingFromClass} from '@loopback/core';
import {RepositoryMixin} from '@loopback/repository';
import {RestApplication} from '@loopback/rest';
import {ServiceMixin} from '@loopback/service-proxy';
import {AuthenticationComponent} from '@loopback/authentication';
import {JWTAuthenticationComponent, TokenServiceBindings} from '@loopback/authentication-jwt';
import {CronComponent} from '@loopback/cron';
import {AuditInterceptor} from './interceptors/audit.interceptor';
import {requestLog} from './middleware/request-log.middleware';
import {AiSummaryService} from './services/ai-summary.service';
import {NotifyService} from './services/notify.service';
import {NightlyRiskDigest} from './jobs/nightly-risk-digest';

export class MindlineApplication extends BootMixin(ServiceMixin(RepositoryMixin(RestApplication))) {
  constructor(options: ApplicationConfig = {}) {
    super(options);
    this.projectRoot = __dirname;

    this.component(AuthenticationComponent);
    this.component(JWTAuthenticationComponent);
    this.component(CronComponent);

    this.bind(TokenServiceBindings.TOKEN_SECRET).to(process.env.JWT_SECRET!);
    this.bind(TokenServiceBindings.TOKEN_EXPIRES_IN).to(String(12 * 60 * 60)); // LEAK(session): therapist API tokens valid for 12 hours

    this.add(createBindingFromClass(AuditInterceptor));
    this.add(createBindingFromClass(NightlyRiskDigest));
    this.bind('services.AiSummaryService').toClass(AiSummaryService);
    this.bind('services.NotifyService').toClass(NotifyService);

    this.middleware(requestLog);

    this.bootOptions = {
      controllers: {dirs: ['controllers'], extensions: ['.controller.js'], nested: true},
    };
  }
}
