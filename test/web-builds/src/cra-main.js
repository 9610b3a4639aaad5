// A made-up app for the webpack 5 (Create React App-like) fixture: agora-rtc-sdk-ng (CommonJS: a module of the
// table) and livekit-client (an ES module: concatenated with this entry into the bootstrap's entry IIFE).
import AgoraRTC from 'agora-rtc-sdk-ng';
import { Room } from 'livekit-client';
import * as hooks from './hooks.cjs';

const APP_ID = '0f4a2c9e7b1d4e5f8a6b3c2d1e0f9a8b';
const client = AgoraRTC.createClient({ mode: 'rtc', codec: 'vp8' });

export async function joinAgora(channel, uid) {
  await client.join(APP_ID, channel, null, uid);
}

export async function joinLiveKit(url, token) {
  const [room] = hooks.useState(() => new Room());
  await room.connect(url, token);
  return room;
}

window.demo = { joinAgora, joinLiveKit };
