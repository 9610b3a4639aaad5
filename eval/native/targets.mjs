// The third-party native code measured: npm package, pinned version, which of its folders are compiled, and the
// compile-time declarations (stubs/) it needs. Labels for each target are in ground-truth.yaml.
export const TARGETS = [
  {
    id: 'rn-agora-1.2.5-android', pkg: 'react-native-agora', version: '1.2.5', platform: 'android',
    sources: ['android/src/main/java'], stubs: ['android', 'react', 'agora-rtc-2x'],
  },
  {
    id: 'rn-agora-1.2.5-ios', pkg: 'react-native-agora', version: '1.2.5', platform: 'ios',
    sources: ['ios/RCTAgora'], frameworkDirs: ['ios/RCTAgora/libs'],
    // The package ships Agora's own iOS SDK (a static library, real vendor code) and its headers: both are used.
    staticLibs: ['ios/RCTAgora/libs/AgoraRtcEngineKit.framework/AgoraRtcEngineKit'],
  },
  {
    id: 'trtc-rn-2.3.1-android', pkg: 'trtc-react-native', version: '2.3.1', platform: 'android',
    sources: ['android/src/main/java'], stubs: ['android', 'react', 'gson', 'trtc'],
  },
  {
    id: 'twilio-rn-3.2.1-ios', pkg: 'react-native-twilio-video-webrtc', version: '3.2.1', platform: 'ios',
    sources: ['ios'], headers: ['twilio'],
    // The app links TwilioVideo.framework dynamically (CocoaPods 'TwilioVideo'): its classes bind to it.
    frameworks: [[/^_OBJC_(META)?CLASS_\$_(TVI|TwilioVideoSDK)|^_kTVI/, '@rpath/TwilioVideo.framework/TwilioVideo']],
  },
  {
    id: 'rn-agora-2.9.1-android', pkg: 'react-native-agora', version: '2.9.1-alpha.7', platform: 'android',
    sources: ['android/src/main/java/com/syan/agora/AgoraManager.java'], stubs: ['android', 'react', 'agora-rtc-2x'],
  },
];
