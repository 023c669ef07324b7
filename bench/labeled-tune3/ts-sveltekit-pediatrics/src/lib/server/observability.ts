import pino from 'pino';
import { PostHog } from 'posthog-node';
import { env } from '$env/dynamic/public';
import { env as priv } from '$env/dynamic/private';

export const log = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  redact: {
    paths: [
      'patient.mrn',
      'patient.firstName',
      'patient.lastName',
      'patient.birthDate',
      'patient.guardianName',
      'patient.guardianEmail',
      'patient.allergies',
      'guardian.*',
      '*.guardianPhone'
    ],
    censor: '[redacted]'
  }
});

const posthog = new PostHog(env.PUBLIC_POSTHOG_KEY ?? '', { host: priv.POSTHOG_HOST, flushAt: 20 });

export function capture(distinctId: string, event: string, properties: Record<string, unknown> = {}) {
  posthog.capture({ distinctId, event, properties });
}
