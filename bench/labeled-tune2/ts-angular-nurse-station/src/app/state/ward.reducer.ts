import { ActionReducer, ActionReducerMap, MetaReducer, createAction, createReducer, on, props } from '@ngrx/store';
import { localStorageSync } from 'ngrx-store-localstorage';
import type { Vitals, WardPatient } from '../core/patient.service';

export const censusLoaded = createAction('[Ward] Census Loaded', props<{ unit: string; patients: WardPatient[] }>());
export const patientSelected = createAction('[Ward] Patient Selected', props<{ patient: WardPatient }>());
export const vitalsRecorded = createAction('[Ward] Vitals Recorded', props<{ patientId: string; vitals: Vitals }>());
export const themeChanged = createAction('[Prefs] Theme Changed', props<{ theme: 'light' | 'dark' }>());

export interface WardState {
  unit: string;
  census: WardPatient[];
  selectedPatient: WardPatient | null;
  lastVitals: Record<string, Vitals>;
}

export interface PrefsState {
  theme: 'light' | 'dark';
  compactRows: boolean;
}

const wardReducer = createReducer<WardState>(
  { unit: '', census: [], selectedPatient: null, lastVitals: {} },
  on(censusLoaded, (s, { unit, patients }) => ({ ...s, unit, census: patients })),
  on(patientSelected, (s, { patient }) => ({ ...s, selectedPatient: patient })),
  on(vitalsRecorded, (s, { patientId, vitals }) => ({ ...s, lastVitals: { ...s.lastVitals, [patientId]: vitals } })),
);

const prefsReducer = createReducer<PrefsState>(
  { theme: 'light', compactRows: false },
  on(themeChanged, (s, { theme }) => ({ ...s, theme })),
);

export const reducers: ActionReducerMap<{ ward: WardState; prefs: PrefsState }> = { ward: wardReducer, prefs: prefsReducer };

export function storageSync(reducer: ActionReducer<any>): ActionReducer<any> {
  return localStorageSync({ keys: [{ ward: ['unit', 'census', 'selectedPatient', 'lastVitals'] }, 'prefs'], rehydrate: true, storageKeySerializer: (k) => `ns.${k}` })(reducer); // LEAK(storage): census, diagnoses and vitals persisted to localStorage on a shared workstation
}

export const metaReducers: MetaReducer[] = [storageSync];
