export const API_BASE = __DEV__
  ? 'http://localhost:4000/api' // SAFE(transmission): local dev server
  : 'http://api.symptomtrack-health.com/api'; // LEAK(transmission): production sync API over plain http

export const BACKUP_PASSPHRASE = 'sympt0m-diary-backup-2024'; // LEAK(crypto): hard-coded backup encryption key

export const AUTO_LOCK_MS = 5 * 60 * 1000; // SAFE(session): app locks after 5 minutes in the background

export const SEVERITY = ['none', 'mild', 'moderate', 'severe'];
