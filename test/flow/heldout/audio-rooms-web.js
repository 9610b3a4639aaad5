// Held-out sample (labelled before the analysis was run on it): a web audio-rooms client on the Agora Web SDK,
// with an axios backend on plain http, a signaling WebSocket and an analytics beacon.
import AgoraRTC from 'agora-rtc-sdk-ng';
import axios from 'axios';

const APP_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const HTTP_API = 'http://api.audiorooms.example';
const ANALYTICS_URL = 'https://analytics.audiorooms.example/collect';

const api = axios.create({ baseURL: HTTP_API, timeout: 5000 });

export class RoomService {
  constructor(userId) {
    this.userId = userId;
    this.client = AgoraRTC.createClient({ mode: 'live', codec: 'vp8' });
    this.signal = null;
  }

  async fetchToken(channel, uid) {
    const { data } = await api.get('/rtc/token', { params: { channel, uid } }); // @flow cleartext uid
    return data.token;
  }

  async join(roomId) {
    console.debug('joining', roomId, this.userId);
    localStorage.setItem('lastRoom', roomId);
    const token = await this.fetchToken(roomId, this.userId);
    await this.client.join(APP_ID, roomId, token, this.userId); // @api agora web-join @flow rtc roomId; rtc userId
    await api.post('/rooms/' + roomId + '/members', { user_id: this.userId }); // @flow cleartext roomId; cleartext userId
    this.signal = new WebSocket('ws://signal.audiorooms.example/ws?room=' + encodeURIComponent(roomId)); // @flow cleartext roomId
    this.signal.onopen = () => this.signal.send(JSON.stringify({ type: 'hello', user: this.userId })); // @flow cleartext userId
    this.client.on('user-joined', (user) => {
      fetch(`${HTTP_API}/seen?u=${user.uid}`); // @flow cleartext uid
    });
    this.track('join', roomId);
  }

  track(name, roomId) {
    const evt = { name, room: roomId, user: this.userId, at: Date.now() };
    navigator.sendBeacon(ANALYTICS_URL, JSON.stringify(evt)); // @flow https roomId; https userId
  }

  ping() {
    if (this.signal) this.signal.send(JSON.stringify({ type: 'ping' })); // @noflow
  }

  async leave(roomId) {
    await this.client.leave();
    await fetch(HTTP_API + '/rooms/leave', { method: 'POST', body: JSON.stringify({ roomId }) }); // @flow cleartext roomId
  }
}
