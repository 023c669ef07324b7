import {Middleware} from '@loopback/rest';
import tracer from 'dd-trace';

/**
 * Access log plus APM enrichment for every REST request.
 */
export const requestLog: Middleware = async (ctx, next) => {
  const {request} = ctx;
  const started = Date.now();
  const span = tracer.scope().active();
  if (request.headers['x-client-email']) {
    span?.setTag('usr.email', request.headers['x-client-email']); // LEAK(logging): client email tagged on every APM span
  }
  try {
    return await next();
  } finally {
    console.log(JSON.stringify({ // LEAK(logging): request body (messages, notes) written to the access log
      method: request.method,
      path: request.path,
      status: ctx.response.statusCode,
      ms: Date.now() - started,
      body: request.body,
    }));
  }
};
