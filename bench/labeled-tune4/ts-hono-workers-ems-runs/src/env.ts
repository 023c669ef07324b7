export type Env = {
  DB: D1Database;
  RUN_CACHE: KVNamespace;
  BILLING_Q: Queue<unknown>;
  AGENCY_ID: string;
  STATE_NEMSIS_URL: string;
  HIE_BASE_URL: string;
  CAD_BRIDGE_URL: string;
  HOSPITAL_NOTIFY_DEFAULT: string;
  SESSION_MAX_AGE: string;
  TOKEN_TTL_SECONDS: string;
  HANDOFF_LINK_TTL: string;
  LOCAL_DEBUG_SINK: string;
  JWT_SECRET: string;
  FIELD_KEY_B64: string;
  SENTRY_DSN: string;
  TEAMS_WEBHOOK_URL: string;
  MISTRAL_API_KEY: string;
  BILLING_API_URL: string;
  BILLING_API_KEY: string;
};

export type Crew = { id: number; email: string; role: 'emt' | 'paramedic' | 'supervisor' | 'billing' };

export type AppEnv = { Bindings: Env; Variables: { crew: Crew; sentry: import('toucan-js').Toucan } };

export type RunReport = {
  id: string;
  incidentNo: string;
  unit: string;
  patient: { firstName: string; lastName: string; dob: string; sex?: string; address?: string; phone?: string };
  chiefComplaint: string;
  narrative: string;
  vitals: Array<{ at: string; hr?: number; sbp?: number; dbp?: number; spo2?: number; gcs?: number; glucose?: number }>;
  medications: Array<{ name: string; dose: string; route: string; at: string }>;
  disposition: string;
  destination?: string;
};
