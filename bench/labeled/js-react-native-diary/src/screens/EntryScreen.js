import React, { useCallback, useEffect, useState } from 'react';
import { Button, FlatList, Text, TextInput, View } from 'react-native';
import { SEVERITY } from '../config';
import { getEntries, saveEntry } from '../storage/diary';
import { pushEntries } from '../api/client';
import { breadcrumb, logEvent } from '../telemetry';

const newId = () => `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`; // SAFE(crypto): local row id, not a secret or token

export default function EntryScreen() {
  const [list, setList] = useState([]);
  const [symptom, setSymptom] = useState('');
  const [severity, setSeverity] = useState(1);
  const [medication, setMedication] = useState('');
  const [notes, setNotes] = useState('');

  useEffect(() => {
    getEntries().then((rows) => {
      setList(rows);
      logEvent('diary_opened', { entry_count: rows.length }); // SAFE(exposure): count only
    });
  }, []);

  const onSave = useCallback(async () => {
    const entry = { id: newId(), symptom: symptom.trim(), severity: SEVERITY[severity], medication: medication.trim(), notes, loggedAt: Date.now() };
    breadcrumb(`save entry ${entry.id}`);
    const next = await saveEntry(entry);
    setList(next);
    console.log('entry saved', entry); // LEAK(logging): symptom, medication and notes in device logs
    logEvent('symptom_logged', { symptom: entry.symptom, severity: entry.severity, medication: entry.medication || 'none' }); // LEAK(exposure): symptom and medication to Firebase Analytics
    pushEntries([entry]).catch(() => breadcrumb('sync deferred'));
    setSymptom('');
    setMedication('');
    setNotes('');
  }, [symptom, severity, medication, notes]);

  return (
    <View style={{ flex: 1, padding: 16 }}>
      <TextInput placeholder="What are you feeling?" value={symptom} onChangeText={setSymptom} />
      <View style={{ flexDirection: 'row', gap: 8 }}>
        {SEVERITY.map((s, i) => (
          <Button key={s} title={s} color={i === severity ? '#0a7' : '#999'} onPress={() => setSeverity(i)} />
        ))}
      </View>
      <TextInput placeholder="Medication taken (optional)" value={medication} onChangeText={setMedication} />
      <TextInput placeholder="Notes" value={notes} onChangeText={setNotes} multiline />
      <Button title="Save" onPress={onSave} disabled={!symptom.trim()} />
      <FlatList
        data={list}
        keyExtractor={(e) => e.id}
        renderItem={({ item }) => (
          <Text>
            {new Date(item.loggedAt).toLocaleString()} · {item.symptom} ({item.severity})
          </Text>
        )}
      />
    </View>
  );
}
