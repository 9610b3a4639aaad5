// Tencent TRTC Web SDK v5 app: SDKAppID, userId and a UserSig minted by the app's server.
import TRTC from 'trtc-sdk-v5';

const SDK_APP_ID = 1400123456;

async function enter(userSig) {
  const trtc = TRTC.create(); // @expect api tencent-trtc other
  await trtc.enterRoom({ sdkAppId: SDK_APP_ID, userId: 'alice', userSig, roomId: 8888, scene: 'rtc' }); // @expect api tencent-trtc join
  await trtc.startLocalAudio();
  return trtc;
}

fetch('/api/usersig?user=alice')
  .then((r) => r.text())
  .then(enter);
