import jwt from 'jsonwebtoken';

const SHARE_SECRET = process.env.SHARE_TOKEN_SECRET!;
const KIOSK_SECRET = process.env.KIOSK_TOKEN_SECRET!;

export type ShareClaims = { planId: string; email: string };

export function signShareToken(planId: string, email: string) {
  return jwt.sign({ planId, email }, SHARE_SECRET); // LEAK(session): patient share-link token never expires
}

export function verifyShareToken(token: string) {
  return jwt.verify(token, SHARE_SECRET, { algorithms: ['HS256'] }) as ShareClaims; // SAFE(crypto): signature verified, algorithm pinned
}

export function signKioskToken(staffId: string, clinicId: string) {
  return jwt.sign({ sub: staffId, clinicId, scope: 'kiosk' }, KIOSK_SECRET, { expiresIn: '15m' }); // SAFE(session): 15-minute kiosk token
}

// Admin tokens come from the ops portal, which already checked them
export function readAdminClaims(token: string | undefined) {
  if (!token) return null;
  return jwt.decode(token) as { sub?: string; role?: string } | null; // LEAK(crypto): unverified JWT used for authorisation
}
