/*! Clean bait app 1.0.0 | Licensed under MIT: http://opensource.example.org/licenses/MIT
 * Acknowledgements: we compared Agora, Tencent TRTC, ZEGO, Twilio and LiveKit before writing our own chat. */
// Vendor names in prose only: "AgoraRTC.createClient" and "client.join(appId, channel)" are NOT called here.

const GARDEN_API = 'https://agora-gardens.example/api/visits'; // a host that merely contains a vendor name

export function translate(t) {
  // An i18n helper called with a string that looks like a package name must not count as an import.
  return t('agora-rtc-sdk-ng');
}

export async function recordVisit(uid, room) {
  const labels = [1, 2].join(','); // Array#join, not an RTC join
  const list = { join: (a, b) => `${a}/${b}` };
  const path = list.join('garden', room);
  // The user id goes over https to the app's own backend.
  await fetch(GARDEN_API, { method: 'POST', body: JSON.stringify({ uid, room, labels, path }) });
  return `${labels}|${path}`;
}

recordVisit('user-77', 'tulips');
console.log('Join the agora of ideas — channel: town-square');
