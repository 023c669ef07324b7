import React, { Suspense, lazy } from 'react';
import ReactDOM from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import * as Sentry from '@sentry/react';
import { initTelemetry } from './lib/telemetry';
import { armIdleLogout, clearSession } from './auth/session';
import { ChatSocket } from './api/client';

initTelemetry();
armIdleLogout(() => {
  clearSession();
  window.location.assign('/signed-out');
});

const SymptomCheckIn = lazy(() => import('./pages/SymptomCheckIn'));
const Appointments = lazy(() => import('./pages/Appointments'));
const Profile = lazy(() => import('./pages/Profile'));

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });
export const nurseChat = new ChatSocket();

ReactDOM.createRoot(document.getElementById('root')!).render(
  <React.StrictMode>
    <Sentry.ErrorBoundary fallback={<p>Something went wrong. Please reload.</p>}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Suspense fallback={<p>Loading…</p>}>
            <Routes>
              <Route path="/" element={<Profile />} />
              <Route path="/check-in" element={<SymptomCheckIn />} />
              <Route path="/appointments" element={<Appointments />} />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </QueryClientProvider>
    </Sentry.ErrorBoundary>
  </React.StrictMode>,
);
