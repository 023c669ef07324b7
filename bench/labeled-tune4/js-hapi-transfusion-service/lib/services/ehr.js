'use strict';

const interfaces = require('../../config/interfaces.json');

async function postCrossmatchResult(item) {
  const res = await fetch(interfaces.ehrOrders.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(item),
  });
  if (!res.ok) throw new Error(`EHR rejected crossmatch result ${item.crossmatchId}: HTTP ${res.status}`);
}

module.exports = { postCrossmatchResult };
