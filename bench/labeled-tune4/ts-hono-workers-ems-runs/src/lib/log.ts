type Level = 'debug' | 'info' | 'warn' | 'error';

/** Structured JSON lines; Workers Logs and the Logpush job to the SIEM pick these up. */
export function logEvent(level: Level, msg: string, data: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ ts: new Date().toISOString(), level, msg, ...data });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}
