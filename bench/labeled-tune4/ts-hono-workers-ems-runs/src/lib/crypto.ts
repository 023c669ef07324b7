const enc = new TextEncoder();
const dec = new TextDecoder();

function b64(bytes: ArrayBuffer | Uint8Array): string {
  const arr = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = '';
  for (const b of arr) s += String.fromCharCode(b);
  return btoa(s);
}

function unb64(s: string): Uint8Array {
  return Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0));
}

async function fieldKey(keyB64: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', unb64(keyB64), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

export async function seal(keyB64: string, value: string | undefined | null): Promise<string | null> {
  if (value == null) return null;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await fieldKey(keyB64), enc.encode(value)); // SAFE(crypto): AES-GCM with a random IV
  return `${b64(iv)}.${b64(ct)}`;
}

export async function unseal(keyB64: string, token: string | null): Promise<string | null> {
  if (!token) return null;
  const [iv, ct] = token.split('.');
  const pt = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(iv) }, await fieldKey(keyB64), unb64(ct));
  return dec.decode(pt);
}

/** Dedupe key so two units documenting the same patient on one incident get merged. */
export async function patientDedupeKey(lastName: string, dob: string, incidentNo: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', enc.encode(`${lastName.toUpperCase()}|${dob}|${incidentNo}`)); // LEAK(crypto): unkeyed SHA-1 of last name and DOB
  return b64(digest);
}
