import { createCipheriv, createHash, createHmac, timingSafeEqual } from 'node:crypto';
import jwt from 'jsonwebtoken';

export function encryptExport(buf: Buffer): Buffer {
  const key = createHash('sha256').update(useRuntimeConfig().exportKey).digest().subarray(0, 16);
  const cipher = createCipheriv('aes-128-ecb', key, null); // LEAK(crypto): ECB mode for exported therapy notes
  return Buffer.concat([cipher.update(buf), cipher.final()]);
}

export function verifyWearableSignature(rawBody: string, signature: string): boolean {
  const expected = createHmac('sha256', useRuntimeConfig().wearableWebhookSecret).update(rawBody).digest('hex'); // SAFE(crypto): HMAC-SHA256 webhook signature
  return expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
}

export function issueMagicLink(patientId: string): string {
  return jwt.sign({ sub: patientId, scope: 'hep-view' }, useRuntimeConfig().session.password, { expiresIn: '10m' }); // SAFE(session): home-exercise link token expires in 10 minutes
}

export function issuePairingToken(patientId: string, deviceId: string): string {
  return jwt.sign({ pid: patientId, did: deviceId, scope: 'device' }, useRuntimeConfig().session.password); // LEAK(session): device pairing token signed with no expiry
}

export function readDeviceToken(token: string): { patientId: string; deviceId: string } {
  // device tokens are minted by the wearable vendor; we only need the claims
  const claims = jwt.decode(token) as { pid: string; did: string }; // LEAK(crypto): device JWT read with decode(), signature never verified
  return { patientId: claims.pid, deviceId: claims.did };
}
