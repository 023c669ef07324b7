import React, { useEffect, useRef, useState } from 'react';
import { AppState } from 'react-native';
import { NavigationContainer } from '@react-navigation/native';
import { createNativeStackNavigator } from '@react-navigation/native-stack';
import crashlytics from '@react-native-firebase/crashlytics';
import analytics from '@react-native-firebase/analytics';
import EntryScreen from './src/screens/EntryScreen';
import SettingsScreen from './src/screens/SettingsScreen';
import LockScreen from './src/screens/LockScreen';
import { AUTO_LOCK_MS } from './src/config';

const Stack = createNativeStackNavigator();

export default function App() {
  const [locked, setLocked] = useState(true);
  const backgroundedAt = useRef(0);
  const routeName = useRef();

  useEffect(() => {
    crashlytics().setCrashlyticsCollectionEnabled(!__DEV__);
    const sub = AppState.addEventListener('change', (state) => {
      if (state === 'background') backgroundedAt.current = Date.now();
      if (state === 'active' && Date.now() - backgroundedAt.current > AUTO_LOCK_MS) setLocked(true);
    });
    return () => sub.remove();
  }, []);

  if (locked) return <LockScreen onUnlock={() => setLocked(false)} />;

  return (
    <NavigationContainer
      onStateChange={(state) => {
        const current = state.routes[state.index].name;
        if (routeName.current !== current) analytics().logScreenView({ screen_name: current, screen_class: current });
        routeName.current = current;
      }}
    >
      <Stack.Navigator>
        <Stack.Screen name="Diary" component={EntryScreen} />
        <Stack.Screen name="Settings" component={SettingsScreen} />
      </Stack.Navigator>
    </NavigationContainer>
  );
}
