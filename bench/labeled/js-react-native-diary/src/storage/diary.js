import AsyncStorage from '@react-native-async-storage/async-storage';
import EncryptedStorage from 'react-native-encrypted-storage';

const ENTRIES = 'diary:entries';
const PROFILE = 'diary:profile';

export async function getEntries() {
  const raw = await AsyncStorage.getItem(ENTRIES);
  return raw ? JSON.parse(raw) : [];
}

export async function saveEntry(entry) {
  const list = await getEntries();
  const next = [entry, ...list.filter((e) => e.id !== entry.id)].sort((a, b) => b.loggedAt - a.loggedAt);
  await AsyncStorage.setItem(ENTRIES, JSON.stringify(next)); // LEAK(storage): symptom entries unencrypted on the device
  return next;
}

export async function getProfile() {
  const raw = await AsyncStorage.getItem(PROFILE);
  return raw ? JSON.parse(raw) : {};
}

export async function saveProfile(values) {
  await AsyncStorage.mergeItem(PROFILE, JSON.stringify(values)); // LEAK(storage): name, DOB and condition unencrypted
}

export const setOnboarded = () => AsyncStorage.setItem('diary:onboarded', '1'); // SAFE(storage): flag only

export const saveToken = (token) => EncryptedStorage.setItem('auth', JSON.stringify({ token, savedAt: Date.now() })); // SAFE(storage): Keychain/Keystore-backed storage

export async function getToken() {
  const raw = await EncryptedStorage.getItem('auth');
  return raw ? JSON.parse(raw).token : null;
}

export async function clearAll() {
  await AsyncStorage.multiRemove([ENTRIES, PROFILE, 'diary:onboarded']);
  await EncryptedStorage.removeItem('auth');
}
