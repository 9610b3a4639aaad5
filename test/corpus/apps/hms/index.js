// 100ms app: reactive store, join with an auth token and a display name.
import { HMSReactiveStore } from '@100mslive/hms-video-store';

const hms = new HMSReactiveStore(); // @expect api hms other
const actions = hms.getActions(); // @expect api hms other
actions.join({ userName: 'alice', authToken: localStorage.getItem('hmsToken'), settings: { isAudioMuted: true } }); // @expect api hms join
