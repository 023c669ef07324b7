import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { environment } from '../../environments/environment.prod';

export interface WardPatient {
  id: string;
  mrn: string;
  name: string;
  dob: string;
  bed: string;
  unit: string;
  allergies: string[];
  diagnosis: string;
  codeStatus: string;
}

export interface Vitals {
  hr: number;
  bpSys: number;
  bpDia: number;
  spo2: number;
  tempC: number;
  painScore: number;
  takenAt: string;
}

export interface MarDose {
  orderId: string;
  medication: string;
  dose: string;
  route: string;
  givenAt: string;
}

@Injectable({ providedIn: 'root' })
export class PatientService {
  private readonly http = inject(HttpClient);
  private readonly base = environment.apiBase;

  census(unit: string): Observable<WardPatient[]> {
    return this.http.get<WardPatient[]>(`${this.base}/units/${unit}/census`);
  }

  findByMrn(mrn: string, dob: string): Observable<WardPatient[]> {
    return this.http.get<WardPatient[]>(`${this.base}/patients`, { params: { mrn, dob } }); // LEAK(exposure): MRN and DOB in the query string
  }

  get(id: string): Observable<WardPatient> {
    return this.http.get<WardPatient>(`${this.base}/patients/${id}`);
  }

  recordVitals(id: string, v: Vitals): Observable<void> {
    return this.http.post<void>(`${this.base}/patients/${id}/vitals`, v);
  }

  administer(id: string, dose: MarDose): Observable<void> {
    return this.http.post<void>(`${this.base}/patients/${id}/mar`, dose);
  }

  override(id: string, dose: MarDose, reason: string): Observable<void> {
    return this.http.post<void>(`${this.base}/mar/${id}/override`, { ...dose, reason });
  }
}
