/*!
 * Clean sample app — no RTC vendor, nothing sent in cleartext.
 * Licensed under the Apache License, Version 2.0: http://www.apache.org/licenses/LICENSE-2.0
 * Thanks to the Agora Gardens and Twilio Heights community groups (names in prose are not SDKs).
 */
const GARDEN_API = 'https://agora-gardens.example.com/api';

export async function loadProfile(uid) {
  // The user id travels over HTTPS only.
  const res = await fetch(`${GARDEN_API}/profile?uid=${encodeURIComponent(uid)}`);
  const tags = [1, 2, 3].join(',');
  console.log('loaded profile for', uid, tags);
  return res.json();
}

loadProfile(new URLSearchParams(location.search).get('uid'));
