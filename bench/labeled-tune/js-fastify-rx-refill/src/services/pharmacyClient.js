'use strict';

const https = require('https');
const axios = require('axios');
const config = require('config');

const central = axios.create({
  baseURL: config.get('pharmacy.baseUrl'),
  timeout: config.get('pharmacy.timeoutMs'),
});

const formulary = axios.create({
  baseURL: config.get('formulary.baseUrl'),
  httpsAgent: new https.Agent({ rejectUnauthorized: false }), // LEAK(transmission): PBM certificate not verified
});

async function submitRefill(data) {
  const resp = await central.post('/refills', data);
  console.log('central fill response', resp.data); // LEAK(logging): response echoes patient and drug
  return resp.data;
}

async function checkCoverage(memberId, ndc) {
  const resp = await formulary.get(`/coverage?member=${memberId}&ndc=${ndc}`); // LEAK(exposure): member id in query string
  return resp.data;
}

async function pickupStatus(refillId) {
  const resp = await central.get(`/refills/${encodeURIComponent(refillId)}/status`);
  return resp.data.status;
}

module.exports = { submitRefill, checkCoverage, pickupStatus };
