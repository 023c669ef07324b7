'use strict';

const { contextBridge, ipcRenderer } = require('electron');

contextBridge.exposeInMainWorld('chartApi', {
  login: (u, p) => ipcRenderer.invoke('auth:login', u, p),
  getChart: (id) => ipcRenderer.invoke('chart:get', id),
  saveChart: (id, chart) => ipcRenderer.invoke('chart:save', id, chart),
  draftNote: (id, dictation) => ipcRenderer.invoke('chart:note', id, dictation),
  suggestCdt: (codes) => ipcRenderer.invoke('chart:cdt', codes),
  exportChart: (id) => ipcRenderer.invoke('chart:export', id),
  supportBundle: (id) => ipcRenderer.invoke('chart:support-bundle', id),
  checkEligibility: (id) => ipcRenderer.invoke('insurance:eligibility', id),
  config: { practiceApi: 'http://pms.brightsmile-dental.net:8080/api', measurementId: 'G-BSCHART01' }, // LEAK(transmission): renderer calls the practice API over plain http
});
