// Release 1.0 of the web sample app (samples/web is release 1.1): the same audio-room client on the real Agora
// Web SDK, before the regressions. Tokens come from the app's HTTPS backend, media is encrypted, the area list
// excludes mainland China and the user and room IDs travel over HTTPS only. `rtcscan diff` of the two releases'
// reports (reports/web-release.diff.md) shows what 1.1 changed.
import AgoraRTC from 'agora-rtc-sdk-ng';
import { roomUrl, tokenUrl } from './api.js';

export async function joinRoom(roomId, userId) {
  AgoraRTC.setArea({ areaCode: ['GLOBAL'], excludedArea: 'CHINA' });
  const client = AgoraRTC.createClient({ mode: 'live', codec: 'vp8' });
  const { appId, token, secret, salt } = await (await fetch(tokenUrl(roomId, userId))).json();
  client.setEncryptionConfig('aes-256-gcm2', secret, salt);
  await client.join(appId, roomId, token, userId);
  await fetch(roomUrl(roomId), { method: 'POST', body: JSON.stringify({ uid: userId }) });
  return client;
}

const params = new URLSearchParams(location.search);
joinRoom(params.get('room'), Number(params.get('uid')));
