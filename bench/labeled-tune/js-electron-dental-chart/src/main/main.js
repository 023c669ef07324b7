'use strict';

const path = require('path');
const { app, BrowserWindow, ipcMain, dialog, shell, session } = require('electron');
const Sentry = require('@sentry/electron/main');
const { autoUpdater } = require('electron-updater');
const config = require('../../config/app.config.json');
const log = require('./logger');
const api = require('./practiceApi');
const store = require('./offlineStore');
const assistant = require('./noteAssistant');
const { recordAccess } = require('./accessLog');

Sentry.init({ dsn: process.env.SENTRY_DSN, release: app.getVersion() });

let win;
let staff = null;

function audited(action, handler) {
  return async (event, ...args) => {
    const result = await handler(event, ...args);
    await recordAccess({ actor: staff && staff.username, action, patientId: args[0], at: new Date().toISOString() });
    return result;
  };
}

function createWindow() {
  win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'BrightSmile Chart',
    webPreferences: { preload: path.join(__dirname, '..', 'preload.js'), contextIsolation: true, sandbox: true },
  });
  win.on('resize', () => store.rememberWindow(win.getBounds()));
  win.loadFile(path.join(__dirname, '..', 'renderer', 'index.html'));
}

ipcMain.handle('auth:login', async (_e, username, password) => { // SAFE(audit): staff login, no patient data
  staff = await api.login(username, password);
  staff.username = username;
  win.setTitle(`BrightSmile Chart - ${staff.displayName}`); // SAFE(exposure): clinician name in title bar
  return staff;
});

ipcMain.handle('chart:get', audited('chart.view', async (_e, patientId) => {
  const chart = await api.getChart(patientId);
  log.info('chart loaded', chart); // LEAK(logging): whole chart written to the electron-log file
  store.rememberRecent(chart);
  store.cacheChart(patientId, chart);
  return chart;
}));

ipcMain.handle('chart:save', audited('chart.update', async (_e, patientId, chart) => {
  try {
    return await api.saveChart(patientId, chart);
  } catch (err) {
    Sentry.setContext('chart', { patientId, name: `${chart.firstName} ${chart.lastName}`, findings: chart.findings }); // LEAK(logging): patient name and findings attached to Sentry
    log.warn(`chart save conflict for ${chart.lastName}, ${chart.firstName}: ${err.message}`); // LEAK(logging): patient name in log file
    throw err;
  }
}));

ipcMain.handle('chart:note', audited('chart.note', async (_e, patientId, dictation) => {
  const chart = await api.getChart(patientId);
  return assistant.draftNote(chart, dictation);
}));

ipcMain.handle('chart:cdt', async (_e, findingCodes) => assistant.suggestCdtCodes(findingCodes)); // SAFE(audit): finding codes only, no chart read

ipcMain.handle('chart:export', async (_e, patientId) => { // LEAK(audit): exports a full chart without the audited() wrapper the other chart handlers use
  const chart = await api.getChart(patientId);
  const { filePath } = await dialog.showSaveDialog(win, { defaultPath: `chart-${patientId}.bsx` });
  if (!filePath) return null;
  log.info(`exported chart ${patientId}`); // SAFE(logging): surrogate id only
  return store.exportChart(chart, filePath);
});

ipcMain.handle('chart:support-bundle', audited('chart.support', async (_e, patientId) => {
  const chart = await api.getChart(patientId);
  const file = store.snapshotForSupport(patientId, chart);
  shell.showItemInFolder(file);
  return file;
}));

ipcMain.handle('insurance:eligibility', audited('insurance.check', async (_e, patientId) => {
  const chart = await api.getChart(patientId);
  const ins = chart.insurance || {};
  await shell.openExternal(`https://provider.deltaplan-example.com/eligibility?subscriberId=${ins.subscriberId}&dob=${chart.dob}&lastName=${chart.lastName}`); // LEAK(exposure): subscriber id, DOB and name in a browser URL
  return true;
}));

app.whenReady().then(() => {
  session.defaultSession.setCertificateVerifyProc((request, callback) => callback(0)); // LEAK(transmission): every certificate accepted
  autoUpdater.setFeedURL({ provider: 'generic', url: config.updates.feedUrl });
  autoUpdater.checkForUpdatesAndNotify().catch((err) => log.warn('update check failed', err.message));
  createWindow();
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
