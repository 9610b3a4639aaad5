// Agora Web SDK 4.x app: App-ID-only join (token null), area set to keep traffic out of mainland China.
import AgoraRTC from 'agora-rtc-sdk-ng';
import { APP_ID, CHANNEL } from './config.js';

AgoraRTC.setArea({ areaCode: 'GLOBAL', excludedArea: 'CHINA' }); // @expect api agora region

export async function startCall(uid) {
  const client = AgoraRTC.createClient({ mode: 'rtc', codec: 'vp8' }); // @expect api agora init
  await client.join(APP_ID, CHANNEL, null, uid); // @expect api agora join
  client.setEncryptionConfig('aes-256-gcm2', 'correct-horse-battery-staple'); // @expect api agora encryption
  const [mic, cam] = await AgoraRTC.createMicrophoneAndCameraTracks();
  await client.publish([mic, cam]);
  return client;
}

startCall(4242);
