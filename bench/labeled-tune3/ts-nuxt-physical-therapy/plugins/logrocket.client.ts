import LogRocket from 'logrocket';
import { usePatientStore } from '~/stores/patient';

export default defineNuxtPlugin((nuxtApp) => {
  const config = useRuntimeConfig();
  LogRocket.init(config.public.logrocketAppId, {
    dom: { textSanitizer: true, inputSanitizer: true }, // SAFE(logging): LogRocket masks all page text and inputs
    network: {
      requestSanitizer: (request) => {
        request.body = undefined;
        return request;
      }
    }
  });

  const patients = usePatientStore(nuxtApp.$pinia);
  patients.$subscribe((_mutation, state) => {
    if (state.current) {
      LogRocket.track('chart_opened', { patient: state.current.fullName, diagnosis: state.current.referralDiagnosis }); // LEAK(logging): patient name and diagnosis recorded as a LogRocket event
    }
  });

  nuxtApp.hook('vue:error', (err) => {
    LogRocket.captureException(err as Error);
  });
});
