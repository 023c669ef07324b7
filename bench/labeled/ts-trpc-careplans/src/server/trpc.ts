import { initTRPC, TRPCError } from '@trpc/server';
import type { CreateNextContextOptions } from '@trpc/server/adapters/next';
import superjson from 'superjson';
import pino from 'pino';
import { ZodError } from 'zod';
import { getServerAuthSession } from './auth';
import { db } from './lib/services';
import { readAdminClaims } from './lib/tokens';

export const log = pino({ name: 'careplans', level: process.env.LOG_LEVEL ?? 'info' });

export async function createContext({ req, res }: CreateNextContextOptions) {
  const session = await getServerAuthSession({ req, res });
  return {
    session,
    db,
    ip: String(req.headers['x-forwarded-for'] ?? req.socket.remoteAddress ?? ''),
    adminToken: req.headers['x-admin-token'] as string | undefined,
  };
}

export type Context = Awaited<ReturnType<typeof createContext>>;

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: { ...shape.data, zod: error.cause instanceof ZodError ? error.cause.flatten() : null, stack: error.stack, detail: error.cause?.message }, // LEAK(exposure): stack and cause text returned to the client in production
    };
  },
});

const requestLog = t.middleware(async ({ path, type, rawInput, next }) => {
  const started = Date.now();
  log.debug({ path, type, input: rawInput }, 'trpc call'); // LEAK(logging): raw procedure input (diagnoses, MRNs, notes)
  const result = await next();
  log.info({ path, type, ok: result.ok, ms: Date.now() - started }, 'trpc done'); // SAFE(logging): path, status, timing
  return result;
});

const isAuthed = t.middleware(({ ctx, next }) => {
  if (!ctx.session?.user) throw new TRPCError({ code: 'UNAUTHORIZED' });
  return next({ ctx: { ...ctx, session: ctx.session } });
});

const isAdmin = t.middleware(({ ctx, next }) => {
  const claims = readAdminClaims(ctx.adminToken);
  if (claims?.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN' });
  return next();
});

const audit = t.middleware(async ({ ctx, path, type, rawInput, next }) => {
  const result = await next();
  const input = (rawInput ?? {}) as { patientId?: string; planId?: string };
  await ctx.db.auditEvent.create({
    data: {
      actorId: (ctx.session?.user as { id?: string } | undefined)?.id ?? 'unknown',
      action: path,
      kind: type,
      patientId: input.patientId ?? null,
      planId: input.planId ?? null,
      ok: result.ok,
      ip: ctx.ip,
    },
  });
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(requestLog);
export const protectedProcedure = publicProcedure.use(isAuthed);
export const auditedProcedure = protectedProcedure.use(audit);
export const adminProcedure = protectedProcedure.use(isAdmin).use(audit);
