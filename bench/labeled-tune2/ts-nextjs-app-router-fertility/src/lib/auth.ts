import { PrismaAdapter } from '@next-auth/prisma-adapter';
import { getServerSession, type NextAuthOptions } from 'next-auth';
import type { NextRequest } from 'next/server';
import EmailProvider from 'next-auth/providers/email';
import { logger } from './logger';
import { prisma } from './prisma';
import { track } from './vendors';

export const authOptions: NextAuthOptions = {
  adapter: PrismaAdapter(prisma as any),
  providers: [
    EmailProvider({
      server: process.env.EMAIL_SERVER,
      from: process.env.EMAIL_FROM,
      maxAge: 10 * 60, // SAFE(session): magic links expire after ten minutes
    }),
  ],
  session: {
    strategy: 'jwt',
    maxAge: 30 * 24 * 60 * 60, // LEAK(session): portal sessions last 30 days
  },
  callbacks: {
    async session({ session, token }) {
      if (session.user) (session.user as any).id = token.sub;
      return session;
    },
  },
  events: {
    async signIn({ user }) {
      logger.info({ user }, 'portal sign-in'); // LEAK(logging): patient name and email in the sign-in log
      track('portal_login', undefined, { method: 'email' }); // SAFE(exposure): no identifiers sent
    },
  },
};

type Handler<C> = (req: NextRequest, ctx: C) => Promise<Response>;

export async function audit(action: string, actor: string, subjectId?: string, status?: number, path?: string) {
  await prisma.auditLog.create({ data: { action, actor, subjectId, status, path } });
}

/** Wrap a route handler so every call leaves an AuditLog row with the acting user. */
export function withAudit<C extends { params: Record<string, string> }>(action: string, handler: Handler<C>): Handler<C> {
  return async (req, ctx) => {
    const session = await getServerSession(authOptions);
    if (!session?.user) return new Response('unauthorized', { status: 401 });
    const res = await handler(req, ctx);
    const subject = ctx.params.patientId ?? ctx.params.cycleId;
    await audit(action, (session.user as any).id, subject, res.status, req.nextUrl.pathname);
    return res;
  };
}
