/* global gtag */
const MEASUREMENT_ID = window.chartApi.config.measurementId;

export function initAnalytics() {
  const s = document.createElement('script');
  s.async = true;
  s.src = `https://www.googletagmanager.com/gtag/js?id=${MEASUREMENT_ID}`;
  document.head.appendChild(s);
  window.dataLayer = window.dataLayer || [];
  window.gtag = function gtag() { window.dataLayer.push(arguments); };
  gtag('js', new Date());
  gtag('config', MEASUREMENT_ID, { anonymize_ip: true });
}

export function trackScreen(name, params = {}) {
  gtag('event', 'screen_view', { screen_name: name, ...params });
}

export function trackAction(action, params = {}) {
  gtag('event', action, params);
}
