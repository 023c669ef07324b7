import * as Sentry from '@sentry/nestjs';
import { NestFactory } from '@nestjs/core';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger, ValidationPipe } from '@nestjs/common';
import { AppModule } from './app.module';

Sentry.init({ dsn: process.env.SENTRY_DSN, tracesSampleRate: 0.05, sendDefaultPii: false });

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost) {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse();
    const req = ctx.getRequest();
    const status = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status >= 500) {
      Sentry.captureException(exception);
      this.logger.error(`${req.method} ${req.route?.path ?? 'unknown'} failed`, (exception as Error)?.stack);
    }
    res.status(status).json({
      statusCode: status,
      path: req.url,
      error: exception instanceof Error ? exception.message : 'Unexpected error', // LEAK(exposure): raw exception text (e.g. failed SQL with patient values) returned to client
      stack: process.env.NODE_ENV !== 'production' ? (exception as Error)?.stack : undefined,
    });
  }
}

async function bootstrap() {
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true }));
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableCors({ origin: ['https://care.carecoord-example.com'], credentials: true });
  await app.listen(process.env.PORT ?? 3000);
}
bootstrap();
