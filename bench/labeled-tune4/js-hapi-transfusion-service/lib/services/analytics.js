'use strict';

/** Product analytics for the bench app (Heap server-side API). */
async function track(event, identity, properties) {
  await fetch('https://heapanalytics.com/api/track', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ app_id: process.env.HEAP_APP_ID, identity, event, properties }),
  });
}

module.exports = { track };
