import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import * as Sentry from '@sentry/angular';
import { catchError, throwError } from 'rxjs';

export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const token = sessionStorage.getItem('ns.token');
  const authed = token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` }, withCredentials: true }) : req;
  return next(authed).pipe(
    catchError((err: HttpErrorResponse) => {
      console.error('HTTP failure', err.status, req.urlWithParams, req.body); // LEAK(logging): request URL and body (vitals, MAR entries) in the browser console
      if (err.status >= 500) {
        Sentry.captureException(err, { extra: { url: req.url, body: req.body } }); // LEAK(logging): request body attached to the Sentry event
      }
      return throwError(() => err);
    }),
  );
};
