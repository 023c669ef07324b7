import { initAnalytics, trackAction, trackScreen } from './analytics.js';
import { loadPerioDraft, saveLayout, savePerioDraft } from './chartDb.js';

const api = window.chartApi;
let current = null;

initAnalytics();

async function openChart(patientId) {
  current = await api.getChart(patientId);
  trackScreen('chart', { chart_section: 'odontogram' }); // SAFE(exposure): screen name only
  trackAction('chart_open', { patient_name: `${current.firstName} ${current.lastName}`, recall_due: current.recallDue }); // LEAK(exposure): patient name sent to Google Analytics
  const draft = await loadPerioDraft(patientId);
  renderChart(current, draft);
}

async function searchPatients(form) {
  const values = Object.fromEntries(new FormData(form));
  const url = `${api.config.practiceApi}/patients/search?lastName=${encodeURIComponent(values.lastName)}&dob=${values.dob}&phone=${values.phone || ''}`; // LEAK(exposure): name, DOB and phone in the request URL
  const resp = await fetch(url, { credentials: 'include' });
  const data = await resp.json();
  localStorage.setItem('lastSearch', JSON.stringify(values)); // LEAK(storage): search form (name/DOB/phone) kept in localStorage
  localStorage.setItem('lastSearchCount', String(data.results.length)); // SAFE(storage): count only
  return data.results;
}

async function onPerioInput(readings) {
  await savePerioDraft(current.id, current, readings);
}

async function onSave() {
  const values = collectChartForm();
  try {
    await api.saveChart(current.id, { ...current, ...values });
    trackAction('chart_saved', { teeth_charted: Object.keys(values.findings || {}).length }); // SAFE(exposure): count only
  } catch (err) {
    console.error('chart save failed', values, err); // LEAK(logging): chart form values dumped to the devtools console
    showToast('Could not save chart. Your changes are kept locally.');
    sessionStorage.setItem(`unsaved:${current.id}`, JSON.stringify(values)); // LEAK(storage): unsaved chart findings in sessionStorage
  }
}

async function onDraftNote(dictation) {
  const note = await api.draftNote(current.id, dictation);
  document.querySelector('#note').value = note;
}

function collectChartForm() {
  const form = document.querySelector('#chart-form');
  const values = Object.fromEntries(new FormData(form));
  values.findings = JSON.parse(values.findings || '{}');
  return values;
}

function renderChart(chart, draft) {
  document.querySelector('#patient-header').textContent = `${chart.firstName} ${chart.lastName} (${chart.dob})`;
  document.querySelector('#chart-form').dataset.patientId = chart.id;
  if (draft) document.querySelector('#perio').dataset.readings = JSON.stringify(draft.readings);
}

function showToast(text) {
  const el = document.querySelector('#toast');
  el.textContent = text;
  el.hidden = false;
  setTimeout(() => { el.hidden = true; }, 4000);
}

window.addEventListener('DOMContentLoaded', () => {
  document.querySelector('#search-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const results = await searchPatients(ev.target);
    document.querySelector('#results').replaceChildren(...results.map((r) => {
      const li = document.createElement('li');
      li.textContent = `${r.lastName}, ${r.firstName}`;
      li.addEventListener('click', () => openChart(r.id));
      return li;
    }));
  });
  document.querySelector('#save').addEventListener('click', onSave);
  document.querySelector('#perio').addEventListener('perio-change', (ev) => onPerioInput(ev.detail));
  document.querySelector('#dictate').addEventListener('click', () => onDraftNote(document.querySelector('#dictation').value));
  window.addEventListener('beforeunload', () => saveLayout({ split: document.body.dataset.split }));
});
