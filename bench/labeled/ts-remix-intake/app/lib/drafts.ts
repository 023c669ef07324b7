const KEY = 'intake:draft';

export function persistForm(values: Record<string, string>) {
  try {
    localStorage.setItem(KEY, JSON.stringify(values)); // LEAK(storage): whole intake draft (demographics, symptoms, meds) in localStorage
    localStorage.setItem('intake:savedAt', new Date().toISOString()); // SAFE(storage): timestamp only
  } catch {
    // quota exceeded / private mode: drafts are best effort
  }
}

export function loadDraft(): Record<string, string> | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

export function rememberStep(step: number) {
  sessionStorage.setItem('intake:step', String(step)); // SAFE(storage): step number
}

export function stashInsurance(card: { memberId: string; groupNumber: string; payer: string; holderDob: string }) {
  sessionStorage.setItem('intake:insurance', JSON.stringify(card)); // LEAK(storage): member id and holder DOB in sessionStorage
}

export function clearDraft() {
  localStorage.removeItem(KEY);
  localStorage.removeItem('intake:savedAt');
  sessionStorage.removeItem('intake:insurance');
}
