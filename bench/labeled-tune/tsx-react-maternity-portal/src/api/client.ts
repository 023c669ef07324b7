import { currentAccessToken, loadRefreshToken, setAccessToken } from '../auth/session';
import { log } from '../lib/telemetry';

const BASE = import.meta.env.VITE_API_BASE ?? 'http://api.bloom-maternity.com/v1'; // LEAK(transmission): cleartext fallback for the patient API

export class ApiError extends Error {
  constructor(public status: number, message: string) {
    super(message);
  }
}

async function refresh(): Promise<string | null> {
  const rt = loadRefreshToken();
  if (!rt) return null;
  const resp = await fetch(`${BASE}/auth/refresh`, { method: 'POST', body: JSON.stringify({ refreshToken: rt }), headers: { 'Content-Type': 'application/json' } });
  if (!resp.ok) return null;
  const { accessToken } = await resp.json();
  setAccessToken(accessToken);
  return accessToken;
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const token = currentAccessToken() ?? (await refresh());
  const resp = await fetch(`${BASE}${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...init.headers },
  });
  if (!resp.ok) {
    const text = await resp.text();
    log.warn('api error', { path, status: resp.status, requestId: resp.headers.get('x-request-id') }); // SAFE(logging): path template, status and request id
    throw new ApiError(resp.status, text);
  }
  return resp.json() as Promise<T>;
}

export interface PregnancyProfile {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  dateOfBirth: string;
  dueDate: string;
  gravida: number;
  para: number;
  highRisk: boolean;
  conditions: string[];
  provider: { name: string; clinic: string };
}

export interface CheckIn {
  symptoms: string[];
  bloodPressure?: string;
  fetalMovement: 'normal' | 'reduced' | 'none';
  bleeding: boolean;
  notes?: string;
  moodScore: number;
}

export const getProfile = () => api<PregnancyProfile>('/me/pregnancy');
export const submitCheckIn = (values: CheckIn) => api<{ id: string; triage: string }>('/me/check-ins', { method: 'POST', body: JSON.stringify(values) });
export const findAppointments = (email: string, dob: string) =>
  api<{ slots: { id: string; start: string; clinician: string }[] }>(`/appointments?email=${encodeURIComponent(email)}&dob=${dob}`); // LEAK(exposure): email and DOB in the query string

type ChatListener = (msg: { from: 'nurse' | 'patient'; text: string; at: string }) => void;

const FALLBACK_WS = 'ws://chat.bloom-maternity.com/socket'; // LEAK(transmission): nurse chat falls back to an unencrypted websocket

export class ChatSocket {
  private ws: WebSocket | null = null;
  private listeners: ChatListener[] = [];

  connect(token: string) {
    const url = import.meta.env.VITE_CHAT_WS || FALLBACK_WS;
    this.ws = new WebSocket(`${url}?token=${token}`);
    this.ws.onmessage = (ev) => {
      const msg = JSON.parse(ev.data);
      this.listeners.forEach((l) => l(msg));
      sessionStorage.setItem('bloom.chat.lastSeen', msg.at); // SAFE(storage): timestamp only
    };
  }

  send(text: string) {
    this.ws?.send(JSON.stringify({ type: 'message', text }));
  }

  onMessage(l: ChatListener) {
    this.listeners.push(l);
  }
}
