import { openDB } from 'idb';

const dbPromise = openDB('brightsmile-chart', 2, {
  upgrade(db) {
    if (!db.objectStoreNames.contains('perio')) db.createObjectStore('perio', { keyPath: 'patientId' });
    if (!db.objectStoreNames.contains('ui')) db.createObjectStore('ui');
  },
});

export async function savePerioDraft(patientId, chart, readings) {
  const db = await dbPromise;
  await db.put('perio', { patientId, patientName: `${chart.firstName} ${chart.lastName}`, dob: chart.dob, readings, savedAt: Date.now() }); // LEAK(storage): perio chart with name and DOB in IndexedDB
}

export async function loadPerioDraft(patientId) {
  const db = await dbPromise;
  return db.get('perio', patientId);
}

export async function saveLayout(layout) {
  const db = await dbPromise;
  await db.put('ui', layout, 'layout'); // SAFE(storage): panel layout only
}
