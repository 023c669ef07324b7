'use strict';

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { app, safeStorage } = require('electron');
const Store = require('electron-store');

const prefs = new Store({ name: 'preferences' });
const dir = () => path.join(app.getPath('userData'), 'charts');

// shared key so exports can be opened on any operatory PC
const EXPORT_KEY = Buffer.from('627269676874736d696c652165787074', 'hex'); // LEAK(crypto): hard-coded export key

function rememberRecent(patient) {
  const recent = prefs.get('recentPatients', []).filter((p) => p.id !== patient.id);
  recent.unshift({ id: patient.id, name: `${patient.firstName} ${patient.lastName}`, dob: patient.dob });
  prefs.set('recentPatients', recent.slice(0, 15)); // LEAK(storage): names and DOBs kept in plaintext electron-store JSON
}

function rememberWindow(bounds) {
  prefs.set('windowBounds', bounds); // SAFE(storage): window geometry only
}

function cacheChart(patientId, chart) {
  fs.mkdirSync(dir(), { recursive: true });
  const sealed = safeStorage.encryptString(JSON.stringify(chart));
  fs.writeFileSync(path.join(dir(), `${patientId}.bin`), sealed); // SAFE(storage): OS-keychain encrypted before write
}

function snapshotForSupport(patientId, chart) {
  const file = path.join(app.getPath('temp'), `chart-${patientId}-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify(chart, null, 2)); // LEAK(storage): plaintext chart snapshot in temp dir for support tickets
  return file;
}

function exportChart(chart, outFile) {
  const cipher = crypto.createCipheriv('aes-128-ecb', EXPORT_KEY, null); // LEAK(crypto): ECB mode for chart exports
  const body = Buffer.concat([cipher.update(JSON.stringify(chart)), cipher.final()]);
  fs.writeFileSync(outFile, body);
  return outFile;
}

module.exports = { rememberRecent, rememberWindow, cacheChart, snapshotForSupport, exportChart };
