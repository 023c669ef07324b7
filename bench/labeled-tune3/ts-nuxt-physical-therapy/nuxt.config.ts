export default defineNuxtConfig({
  modules: ['@pinia/nuxt', 'nuxt-auth-utils'],
  devtools: { enabled: false },
  runtimeConfig: {
    databaseUrl: '',
    hubspotToken: '',
    wearableWebhookSecret: '',
    exportKey: '',
    gaApiSecret: '',
    insurerApiBase: 'https://api.claims.midwest-mutual-health.com/v2',
    wearableApiBase: 'http://ingest.strideband-wearables.net/v1', // LEAK(transmission): patient step and range-of-motion data synced over cleartext http
    session: {
      name: 'stride-session',
      password: '',
      maxAge: 60 * 60 * 24 * 7, // LEAK(session): clinician session cookie lasts a week with no idle limit
      cookie: { sameSite: 'lax', secure: true }
    },
    public: {
      logrocketAppId: 'stride/clinic-web',
      telehealthSignal: 'wss://rtc.stridept.com/signal'
    }
  },
  nitro: {
    storage: {
      programs: { driver: 'fs', base: './.data/programs' }
    }
  },
  routeRules: {
    '/api/**': { cors: false, headers: { 'cache-control': 'no-store' } }
  }
});
