// Sample React Native app: a voice-room screen on the real react-native-agora 4.x package from npm, compiled by
// hermesc the way a release build ships it. It repeats the 2021 mistakes on purpose: App ID compiled in, no token
// (App-ID-only join), no media encryption, and the user id sent to the app's backend over plain HTTP.
import { createAgoraRtcEngine, ChannelProfileType, ClientRoleType } from 'react-native-agora';
import { AppRegistry } from 'react-native';
import { presenceUrl } from './api';

const AGORA_APP_ID = '5b8e2c7d91f04a6e8c3d2b1a0f9e8d7c';

let engine;

export async function startCall(channelName, uid) {
  engine = createAgoraRtcEngine();
  engine.initialize({ appId: AGORA_APP_ID, channelProfile: ChannelProfileType.ChannelProfileLiveBroadcasting });
  engine.enableAudio();
  engine.joinChannel('', channelName, uid, { clientRoleType: ClientRoleType.ClientRoleBroadcaster });
  await fetch(presenceUrl(uid), { method: 'POST' });
}

export function leaveCall() {
  engine?.leaveChannel();
}

function VoiceRoom({ room, uid }) {
  startCall(room, uid);
  return null;
}

AppRegistry.registerComponent('VoiceRoom', () => VoiceRoom);
