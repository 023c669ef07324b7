import { CommonModule } from '@angular/common';
import { Component, OnInit, inject } from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { Store } from '@ngrx/store';
import * as Sentry from '@sentry/angular';
import { MarDose, PatientService, WardPatient } from '../core/patient.service';
import { patientSelected, vitalsRecorded } from '../state/ward.reducer';

@Component({
  selector: 'ns-patient-card',
  standalone: true,
  imports: [CommonModule, ReactiveFormsModule],
  template: `
    <article *ngIf="patient as p">
      <h2>{{ p.bed }} · {{ p.name }} <small>{{ p.codeStatus }}</small></h2>
      <p class="allergies" *ngIf="p.allergies.length">Allergies: {{ p.allergies.join(', ') }}</p>
      <form [formGroup]="vitals" (ngSubmit)="saveVitals(p)">
        <input formControlName="hr" type="number" placeholder="HR" />
        <input formControlName="bpSys" type="number" placeholder="SBP" />
        <input formControlName="bpDia" type="number" placeholder="DBP" />
        <input formControlName="spo2" type="number" placeholder="SpO2" />
        <button type="submit">Save vitals</button>
      </form>
      <textarea [formControl]="handoff" (blur)="saveDraft(p)" placeholder="SBAR handoff"></textarea>
      <button (click)="openChart(p)">Open full chart</button>
    </article>
  `,
})
export class PatientCardComponent implements OnInit {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly store = inject(Store);
  private readonly patients = inject(PatientService);
  private readonly fb = inject(FormBuilder);

  patient: WardPatient | null = null;
  vitals = this.fb.nonNullable.group({ hr: 0, bpSys: 0, bpDia: 0, spo2: 0 });
  handoff = this.fb.nonNullable.control('');

  ngOnInit(): void {
    const nurse = JSON.parse(sessionStorage.getItem('ns.nurse') ?? '{}');
    Sentry.setUser({ id: nurse.id, username: nurse.badge }); // SAFE(logging): nurse (workforce) identity only
    Sentry.setTag('unit', nurse.unit); // SAFE(logging): ward name only
    this.patients.get(this.route.snapshot.paramMap.get('id')!).subscribe((p) => {
      this.patient = p;
      this.store.dispatch(patientSelected({ patient: p }));
      Sentry.setContext('patient', { name: p.name, mrn: p.mrn, bed: p.bed, allergies: p.allergies, diagnosis: p.diagnosis }); // LEAK(logging): patient identity and diagnosis on every Sentry event
      this.handoff.setValue(sessionStorage.getItem(`ns.handoff.${p.id}`) ?? '');
    });
  }

  saveVitals(p: WardPatient): void {
    const v = { ...this.vitals.getRawValue(), tempC: 0, painScore: 0, takenAt: new Date().toISOString() };
    this.patients.recordVitals(p.id, v).subscribe(() => this.store.dispatch(vitalsRecorded({ patientId: p.id, vitals: v })));
  }

  saveDraft(p: WardPatient): void {
    sessionStorage.setItem(`ns.handoff.${p.id}`, this.handoff.value); // LEAK(storage): free-text SBAR handoff kept in browser storage
  }

  give(p: WardPatient, dose: MarDose): void {
    const conflict = p.allergies.find((a) => dose.medication.toLowerCase().includes(a.toLowerCase()));
    if (conflict) {
      Sentry.captureMessage(`Allergy conflict for ${p.name} (${p.mrn}): ${dose.medication} vs ${conflict}`, 'warning'); // LEAK(logging): name, MRN and allergy in a Sentry message
      return;
    }
    this.patients.administer(p.id, dose).subscribe();
  }

  openChart(p: WardPatient): void {
    this.router.navigate(['/chart'], { queryParams: { mrn: p.mrn, name: p.name } }); // LEAK(exposure): MRN and name in the route's query string
  }

  openCard(p: WardPatient): void {
    this.router.navigate(['/patient', p.id]); // SAFE(exposure): surrogate id in the URL
  }
}
