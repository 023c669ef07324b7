import { init, track as ampTrack } from '@amplitude/analytics-node';
import { kv } from '@vercel/kv';

init(process.env.AMPLITUDE_API_KEY ?? '', { flushIntervalMillis: 5000 });

export async function cacheSet(key: string, value: unknown, ttlSeconds = 3600) {
  await kv.set(`bp:${key}`, value, { ex: ttlSeconds });
}

export async function cacheGet<T>(key: string): Promise<T | null> {
  return kv.get<T>(`bp:${key}`);
}

export function track(event: string, userId: string | undefined, props: Record<string, unknown> = {}) {
  ampTrack(event, props, userId ? { user_id: userId } : { device_id: 'server' });
}
