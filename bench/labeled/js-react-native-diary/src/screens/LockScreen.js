import React, { useState } from 'react';
import { Button, Text, TextInput, View } from 'react-native';
import EncryptedStorage from 'react-native-encrypted-storage';
import CryptoJS from 'crypto-js';

export default function LockScreen({ onUnlock }) {
  const [pin, setPin] = useState('');
  const [error, setError] = useState('');

  const onSubmit = async () => {
    const stored = await EncryptedStorage.getItem('pin');
    if (!stored) {
      const salt = CryptoJS.lib.WordArray.random(16).toString();
      const hash = CryptoJS.PBKDF2(pin, salt, { keySize: 8, iterations: 10000, hasher: CryptoJS.algo.SHA256 }).toString();
      await EncryptedStorage.setItem('pin', JSON.stringify({ salt, hash }));
      onUnlock();
      return;
    }
    const { salt, hash } = JSON.parse(stored);
    const attempt = CryptoJS.PBKDF2(pin, salt, { keySize: 8, iterations: 10000, hasher: CryptoJS.algo.SHA256 }).toString();
    if (attempt === hash) onUnlock();
    else setError('Wrong PIN');
  };

  return (
    <View style={{ flex: 1, justifyContent: 'center', padding: 32 }}>
      <Text>Enter your diary PIN</Text>
      <TextInput value={pin} onChangeText={setPin} keyboardType="number-pad" secureTextEntry maxLength={6} />
      {error ? <Text style={{ color: 'red' }}>{error}</Text> : null}
      <Button title="Unlock" onPress={onSubmit} disabled={pin.length < 4} />
    </View>
  );
}
