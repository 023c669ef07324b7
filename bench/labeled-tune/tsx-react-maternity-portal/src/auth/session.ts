import AES from 'crypto-js/aes';
import Utf8 from 'crypto-js/enc-utf8';

const REFRESH_KEY = 'bloom.rt';
const ACCESS_LIFETIME_MS = 5 * 60 * 1000; // SAFE(session): 5 minute access token window
const IDLE_LOGOUT_MS = 12 * 60 * 60 * 1000; // LEAK(session): idle logout only after 12 hours
const STORAGE_SECRET = 'bl00m-portal-2023!'; // LEAK(crypto): hard-coded key for the stored refresh token

let accessToken: string | null = null;
let accessExpiresAt = 0;
let idleTimer: number | undefined;

export function saveRefreshToken(token: string) {
  const days = Number(import.meta.env.VITE_REFRESH_TOKEN_DAYS ?? 1);
  const sealed = AES.encrypt(JSON.stringify({ token, exp: Date.now() + days * 86_400_000 }), STORAGE_SECRET).toString();
  localStorage.setItem(REFRESH_KEY, sealed);
}

export function loadRefreshToken(): string | null {
  const sealed = localStorage.getItem(REFRESH_KEY);
  if (!sealed) return null;
  const { token, exp } = JSON.parse(AES.decrypt(sealed, STORAGE_SECRET).toString(Utf8));
  return exp > Date.now() ? token : null;
}

export function setAccessToken(token: string) {
  accessToken = token;
  accessExpiresAt = Date.now() + ACCESS_LIFETIME_MS;
}

export function currentAccessToken(): string | null {
  return accessToken && Date.now() < accessExpiresAt ? accessToken : null;
}

export function armIdleLogout(onLogout: () => void) {
  const reset = () => {
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(onLogout, IDLE_LOGOUT_MS);
  };
  ['click', 'keydown', 'scroll'].forEach((ev) => window.addEventListener(ev, reset, { passive: true }));
  reset();
}

export function clearSession() {
  accessToken = null;
  localStorage.removeItem(REFRESH_KEY);
}
