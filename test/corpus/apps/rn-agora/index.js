// React Native app using the react-native-agora 4.x API: create the engine, initialize with the App ID,
// join with an empty token (App-ID-only mode).
import { createAgoraRtcEngine, ChannelProfileType } from 'react-native-agora';
import { AGORA_APP_ID } from './settings';

const engine = createAgoraRtcEngine(); // @expect api agora other
engine.initialize({ appId: AGORA_APP_ID, channelProfile: ChannelProfileType.ChannelProfileCommunication }); // @expect api agora init
engine.joinChannel('', 'rn-lobby', 0, { clientRoleType: 1 }); // @expect api agora join
