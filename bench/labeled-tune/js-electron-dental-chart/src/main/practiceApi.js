'use strict';

const https = require('https');
const axios = require('axios');
const config = require('../../config/app.config.json');
const log = require('./logger');

let bearer = null;

const client = axios.create({
  baseURL: config.practiceApi.baseUrl,
  timeout: config.practiceApi.timeoutMs,
  httpsAgent: new https.Agent({ rejectUnauthorized: false }), // LEAK(transmission): self-signed practice servers accepted without verification
});

client.interceptors.request.use((req) => {
  if (bearer) req.headers.Authorization = `Bearer ${bearer}`;
  return req;
});

async function login(username, password) {
  const { data } = await client.post('/auth/login', { username, password });
  bearer = data.token;
  log.info(`staff login ok for ${username}`); // SAFE(logging): staff username, not patient data
  return { displayName: data.displayName, role: data.role, expiresAt: data.expiresAt };
}

async function getChart(patientId) {
  const { data } = await client.get(`/patients/${patientId}/chart`);
  return data;
}

async function saveChart(patientId, chart) {
  const { data } = await client.put(`/patients/${patientId}/chart`, chart);
  return data;
}

module.exports = { login, getChart, saveChart };
