import Koa from 'koa';
import { koaBody } from 'koa-body';
import session from 'koa-session';
import { log } from './logger';
import { imagesRouter } from './routes/images';
import { patientsRouter } from './routes/patients';

const app = new Koa();
app.keys = (process.env.SESSION_KEYS ?? '').split(',');
app.proxy = true;

app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err: any) {
    log.error({ err, path: ctx.path, body: ctx.request.body }, 'request failed'); // LEAK(logging): request body (chart data) logged with every failure
    ctx.status = err.status ?? 500;
    ctx.body = { error: err.message, detail: err.detail }; // LEAK(exposure): Postgres error detail echoes key values such as the duplicate MRN
  }
});

app.use(
  session(
    {
      key: 'sc.sess',
      maxAge: 12 * 60 * 60 * 1000, // LEAK(session): twelve-hour session cookie
      renew: true,
      httpOnly: true,
      secure: true,
      sameSite: 'lax',
    },
    app,
  ),
);

app.use(koaBody({ multipart: true, formidable: { maxFileSize: 50 * 1024 * 1024 } }));
app.use(async (ctx, next) => {
  if (!ctx.session?.user) ctx.throw(401, 'login required');
  ctx.state.user = ctx.session.user;
  ctx.state.log = log.child({ reqId: ctx.get('x-request-id'), userId: ctx.session.user.id }); // SAFE(logging): request and staff ids only
  await next();
});

app.use(patientsRouter.routes()).use(patientsRouter.allowedMethods());
app.use(imagesRouter.routes()).use(imagesRouter.allowedMethods());

app.listen(Number(process.env.PORT ?? 4000), () => log.info('imaging api up'));
