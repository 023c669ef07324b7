import { defineStore } from 'pinia';

export interface ChartHeader {
  id: string;
  fullName: string;
  birthDate: string;
  referralDiagnosis: string;
  visitsRemaining: number;
}

export const usePatientStore = defineStore('patient', {
  state: () => ({
    current: null as ChartHeader | null,
    recentIds: [] as string[],
    draftNote: { s: '', o: '', a: '', p: '', pain: 0 }
  }),
  actions: {
    open(header: ChartHeader) {
      this.current = header;
      this.recentIds = [header.id, ...this.recentIds.filter((x) => x !== header.id)].slice(0, 10);
      const last = useCookie('stride_last_patient', { maxAge: 60 * 60 * 24 * 30, sameSite: 'lax' });
      last.value = JSON.stringify({ id: header.id, name: header.fullName, dx: header.referralDiagnosis }); // LEAK(storage): name and referral diagnosis stored in a non-httpOnly cookie for 30 days
    },
    openFromSearch(header: ChartHeader) {
      this.open(header);
      return navigateTo({ path: '/chart', query: { name: header.fullName, dob: header.birthDate } }); // LEAK(exposure): patient name and DOB in the chart URL
    },
    close() {
      this.current = null;
      this.draftNote = { s: '', o: '', a: '', p: '', pain: 0 };
    }
  },
  persist: {
    storage: persistedState.localStorage,
    paths: ['current', 'draftNote'] // LEAK(storage): chart header and the in-progress SOAP note persisted to localStorage
  }
});

export const useUiStore = defineStore('ui', {
  state: () => ({ sidebarOpen: true, lastPatientId: '' as string }),
  persist: {
    storage: persistedState.localStorage,
    paths: ['sidebarOpen', 'lastPatientId'] // SAFE(storage): UI flag and a surrogate id only
  }
});
