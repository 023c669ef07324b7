import React, { useEffect, useState } from 'react';
import { Alert, Button, TextInput, View } from 'react-native';
import RNFS from 'react-native-fs';
import Share from 'react-native-share';
import CryptoJS from 'crypto-js';
import { BACKUP_PASSPHRASE } from '../config';
import { getEntries, getProfile, saveProfile } from '../storage/diary';
import { findMyChart, pushEntries, shareWithClinic, uploadBackup } from '../api/client';
import { identify, reportError } from '../telemetry';

const toCsv = (list) =>
  ['date,symptom,severity,medication,notes']
    .concat(list.map((e) => [new Date(e.loggedAt).toISOString(), e.symptom, e.severity, e.medication, JSON.stringify(e.notes || '')].join(',')))
    .join('\n');

export default function SettingsScreen() {
  const [profile, setProfile] = useState({});

  useEffect(() => {
    getProfile().then(setProfile);
  }, []);

  const update = (key) => (value) => setProfile((p) => ({ ...p, [key]: value }));

  const onSaveProfile = async () => {
    await saveProfile(profile);
    await identify(profile);
    const chart = await findMyChart(profile).catch(() => null);
    if (chart && chart.linked) Alert.alert('Linked', 'Your diary is now linked to your clinic record.');
  };

  const onExport = async () => {
    const list = await getEntries();
    const path = `${RNFS.DocumentDirectoryPath}/symptom-diary-${profile.lastName || 'me'}.csv`;
    await RNFS.writeFile(path, toCsv(list), 'utf8'); // LEAK(storage): plaintext CSV of the diary in Documents
    await Share.open({ url: `file://${path}`, type: 'text/csv' });
  };

  const onBackup = async () => {
    const list = await getEntries();
    const blob = CryptoJS.AES.encrypt(JSON.stringify({ profile, list }), BACKUP_PASSPHRASE).toString();
    await uploadBackup(blob);
  };

  const onSync = async () => {
    try {
      const list = await getEntries();
      await pushEntries(list);
    } catch (err) {
      reportError(new Error(`sync failed for ${profile.email} (${profile.condition}): ${err.message}`)); // LEAK(logging): email and condition in the crash report
    }
  };

  const onShare = async () => {
    const { code } = await shareWithClinic({ from: Date.now() - 30 * 864e5, to: Date.now() });
    Alert.alert('Share code', `Give this code to your clinician: ${code}`);
  };

  return (
    <View style={{ flex: 1, padding: 16, gap: 8 }}>
      <TextInput placeholder="First name" value={profile.firstName} onChangeText={update('firstName')} />
      <TextInput placeholder="Last name" value={profile.lastName} onChangeText={update('lastName')} />
      <TextInput placeholder="Date of birth (YYYY-MM-DD)" value={profile.dob} onChangeText={update('dob')} />
      <TextInput placeholder="Email" value={profile.email} onChangeText={update('email')} autoCapitalize="none" />
      <TextInput placeholder="Main condition" value={profile.condition} onChangeText={update('condition')} />
      <Button title="Save profile" onPress={onSaveProfile} />
      <Button title="Sync now" onPress={onSync} />
      <Button title="Export CSV" onPress={onExport} />
      <Button title="Back up" onPress={onBackup} />
      <Button title="Share last 30 days with my clinic" onPress={onShare} />
    </View>
  );
}
