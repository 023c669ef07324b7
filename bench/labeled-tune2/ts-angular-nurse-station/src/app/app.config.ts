import { ApplicationConfig, ErrorHandler } from '@angular/core';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { provideRouter, Routes } from '@angular/router';
import { provideStore } from '@ngrx/store';
import * as Sentry from '@sentry/angular';
import { authInterceptor } from './core/auth.interceptor';
import { metaReducers, reducers } from './state/ward.reducer';
import { PatientCardComponent } from './ward/patient-card.component';

const routes: Routes = [
  { path: 'patient/:id', component: PatientCardComponent },
  { path: '', pathMatch: 'full', redirectTo: 'patient/none' },
];

export const appConfig: ApplicationConfig = {
  providers: [
    provideRouter(routes),
    provideHttpClient(withInterceptors([authInterceptor])),
    provideStore(reducers, { metaReducers }),
    { provide: ErrorHandler, useValue: Sentry.createErrorHandler({ showDialog: false }) },
  ],
};
