// Stand-in for react-native-agora's JS entry (the real package needs react-native): the same exported names
// and a native-module bridge, so the bundle has the shape Metro gives a real app.
import { NativeModules } from 'react-native';

export const ChannelProfileType = { ChannelProfileCommunication: 0, ChannelProfileLiveBroadcasting: 1 };

class RtcEngineImpl {
  initialize(context) {
    return NativeModules.AgoraRtcNg.callApi({ funcName: 'RtcEngine_initialize', params: JSON.stringify({ context }) });
  }
  joinChannel(token, channelId, uid, options) {
    return NativeModules.AgoraRtcNg.callApi({
      funcName: 'RtcEngine_joinChannel',
      params: JSON.stringify({ token, channelId, uid, options }),
    });
  }
}

let instance;
export function createAgoraRtcEngine() {
  if (!instance) instance = new RtcEngineImpl();
  return instance;
}
