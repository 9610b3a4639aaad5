// Sample web app: an audio-room client on the real Agora Web SDK (agora-rtc-sdk-ng from npm).
// It repeats the mistakes of the 2021 case on purpose: App ID compiled in, no token, no media encryption,
// default area list (includes China), and user/room IDs sent over plain HTTP and WebSocket.
import AgoraRTC from 'agora-rtc-sdk-ng';
import { roomUrl } from './api.js';

const APP_ID = '8a2f5d0c9b7e4e1fa3c6b2d9e0f17a45';
const SIGNAL = 'ws://signal.example.net/rooms';

export async function joinRoom(roomId, userId) {
  const client = AgoraRTC.createClient({ mode: 'live', codec: 'vp8' });
  await client.join(APP_ID, roomId, null, userId);
  await fetch(roomUrl(roomId) + '?uid=' + userId, { method: 'POST' });
  const socket = new WebSocket(`${SIGNAL}?room=${roomId}&uid=${userId}`);
  socket.onopen = () => socket.send(JSON.stringify({ type: 'hello', userId }));
  return client;
}

const params = new URLSearchParams(location.search);
joinRoom(params.get('room'), Number(params.get('uid')));
