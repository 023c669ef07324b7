import { createHash } from 'crypto';
import NodeCache from 'node-cache';
import nodemailer from 'nodemailer';
import { S3 } from '@aws-sdk/client-s3';
import { PrismaClient } from '@prisma/client';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
export const db = globalForPrisma.prisma ?? new PrismaClient({ log: ['warn', 'error'] });
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = db;

export const cache = new NodeCache({ stdTTL: 600, checkperiod: 120 });

export const s3 = new S3({ region: process.env.AWS_REGION ?? 'us-east-2' });

export const BUCKETS = {
  exports: process.env.EXPORT_BUCKET ?? 'cp-careplan-exports',
  archive: process.env.ARCHIVE_BUCKET ?? 'cp-careplan-archive',
};

export const mailer = nodemailer.createTransport({
  host: process.env.SMTP_HOST ?? 'mail.carepoint-relay.net',
  port: Number(process.env.SMTP_PORT ?? 25),
  secure: false,
  ignoreTLS: true, // LEAK(transmission): care-plan mail relayed without TLS
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
});

export const FROM = '"CarePoint Care Team" <noreply@carepoint-health.com>';

// keeps MRNs out of S3 keys
export const chartKey = (mrn: string) => createHash('md5').update(mrn).digest('hex'); // LEAK(crypto): unkeyed MD5 of the MRN is reversible by brute force
