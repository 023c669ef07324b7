import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { CheckIn } from '../api/client';

interface IntakeState {
  draft: Partial<CheckIn>;
  theme: 'light' | 'dark';
  setDraft: (d: Partial<CheckIn>) => void;
  setTheme: (t: 'light' | 'dark') => void;
  reset: () => void;
}

export const useIntakeStore = create<IntakeState>()(
  persist(
    (set) => ({
      draft: {},
      theme: 'light',
      setDraft: (d) => set((s) => ({ draft: { ...s.draft, ...d } })),
      setTheme: (theme) => set({ theme }),
      reset: () => set({ draft: {} }),
    }),
    {
      name: 'bloom-checkin-draft',
      storage: createJSONStorage(() => localStorage), // LEAK(storage): symptom check-in draft (bleeding, BP, mood) persisted to localStorage
    },
  ),
);
