import localforage from 'localforage';
import { defineStore } from 'pinia';
import { toRaw } from 'vue';
import { api } from '../api';

type Chart = { id: number; mrn: string; first_name: string; last_name: string; dob: string; findings: { tooth: string; surface: string; finding: string }[] };
type ImageMeta = { id: number; modality: string; teeth: string; rawUrl: string };

const offline = localforage.createInstance({ name: 'smilecare', storeName: 'charts' });

export const usePatientStore = defineStore('patient', {
  state: () => ({ chart: null as Chart | null, images: [] as ImageMeta[], tab: 'xray' as 'xray' | 'perio' | 'plan' }),
  actions: {
    async open(id: number) {
      try {
        const { data } = await api.get<Chart>(`/api/patients/${id}`);
        this.chart = data;
        await offline.setItem(`chart:${id}`, toRaw(data)); // LEAK(storage): whole chart kept in IndexedDB for offline use
      } catch {
        this.chart = await offline.getItem<Chart>(`chart:${id}`);
      }
    },
    async setTab(tab: 'xray' | 'perio' | 'plan') {
      this.tab = tab;
      await offline.setItem('ui:lastTab', tab); // SAFE(storage): UI preference only
    },
    async search(lastName: string, dob: string) {
      window.history.pushState({}, '', `/search?lastName=${encodeURIComponent(lastName)}&dob=${dob}`); // LEAK(exposure): surname and DOB written into the SPA URL and history
      const { data } = await api.get('/api/patients', { params: { lastName, dob } });
      return data as Chart[];
    },
  },
});
