import analytics from '@react-native-firebase/analytics';
import crashlytics from '@react-native-firebase/crashlytics';
import CryptoJS from 'crypto-js';

export async function identify(profile) {
  if (!profile.email) return;
  const uid = CryptoJS.MD5(profile.email.trim().toLowerCase()).toString(); // LEAK(crypto): unkeyed MD5 of the patient email
  await analytics().setUserId(uid); // LEAK(exposure): email-derived id sent to Google Analytics
  await analytics().setUserProperties({ primary_condition: profile.condition, birth_year: profile.dob ? profile.dob.slice(0, 4) : null }); // LEAK(exposure): condition as a user property
  await crashlytics().setAttributes({ user_email: profile.email, condition: profile.condition }); // LEAK(logging): email and condition on every crash report
  await crashlytics().setAttribute('app_flavor', 'patient'); // SAFE(logging): build flavor only
}

export function logEvent(name, p = {}) {
  return analytics().logEvent(name, p);
}

export function breadcrumb(msg) {
  crashlytics().log(msg);
}

export function reportError(err) {
  crashlytics().recordError(err);
}
