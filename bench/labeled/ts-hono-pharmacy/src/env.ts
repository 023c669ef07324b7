import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type * as schema from './db/schema';

export type NotifyMsg = {
  kind: 'refill' | 'ready';
  phone: string;
  name: string;
  drug: string;
  link?: string;
};

export type FillMsg = { rxId: string; pharmacy: string };

export type Env = {
  DB: D1Database;
  RX_CACHE: KVNamespace;
  FILL_QUEUE: Queue<FillMsg>;
  NOTIFY_QUEUE: Queue<NotifyMsg>;
  ENVIRONMENT: string;
  PBM_BASE_URL: string;
  PBM_API_KEY: string;
  SMS_API_URL: string;
  SMS_API_KEY: string;
  OPENAI_API_KEY: string;
  JWT_SECRET: string;
  FIELD_KEY: string;
  LOOKUP_PEPPER: string;
  STAFF_TOKEN_TTL_SECONDS: string;
  SENTRY_DSN: string;
};

export type AppEnv = {
  Bindings: Env;
  Variables: {
    staffId: string;
    db: DrizzleD1Database<typeof schema>;
  };
};
