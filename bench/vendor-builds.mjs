// The vendors' own production builds as npm serves them (unmodified files from the installed packages), shared by
// the vendor-build test (test/js/vendor-builds.test.ts) and the benchmark (bench/run.mjs, per-file MB/s).
// `vendor` is the rule pack's vendor id the scanner must name; `kind` says how the file is shipped.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** @type {Array<{ vendor: string, pkg: string, file: string, kind: string }>} */
export const VENDOR_BUILDS = [
  { vendor: 'agora', pkg: 'agora-rtc-sdk-ng', file: 'AgoraRTC_N-production.js', kind: 'web UMD' },
  { vendor: 'agora', pkg: 'agora-rtc-sdk-ng', file: 'AgoraRTC_N-production.esm.mjs', kind: 'web ESM' },
  { vendor: 'agora', pkg: 'agora-rtc-sdk-ng', file: 'esm/AgoraRTC_N-production.esm-bundler.mjs', kind: 'web ESM for bundlers' },
  { vendor: 'agora', pkg: 'agora-rtm-sdk', file: 'agora-rtm.js', kind: 'web UMD (signalling)' },
  { vendor: 'tencent-trtc', pkg: 'trtc-sdk-v5', file: 'trtc.js', kind: 'web UMD' },
  { vendor: 'tencent-trtc', pkg: 'trtc-sdk-v5', file: 'trtc.esm.js', kind: 'web ESM' },
  { vendor: 'livekit', pkg: 'livekit-client', file: 'dist/livekit-client.umd.js', kind: 'web UMD' },
  { vendor: 'livekit', pkg: 'livekit-client', file: 'dist/livekit-client.esm.mjs', kind: 'web ESM' },
  { vendor: 'twilio', pkg: 'twilio-video', file: 'dist/twilio-video.min.js', kind: 'web minified' },
  { vendor: 'twilio', pkg: 'twilio-video', file: 'dist/twilio-video.js', kind: 'web browserify' },
  { vendor: 'vonage', pkg: '@opentok/client', file: 'dist/js/opentok.min.js', kind: 'web minified' },
  { vendor: 'vonage', pkg: '@opentok/client', file: 'dist/js/opentok.js', kind: 'web webpack' },
  { vendor: 'vonage', pkg: '@vonage/client-sdk-video', file: 'dist/js/opentok.min.js', kind: 'web minified' },
  { vendor: 'daily', pkg: '@daily-co/daily-js', file: 'dist/daily.js', kind: 'web CJS' },
  { vendor: 'daily', pkg: '@daily-co/daily-js', file: 'dist/daily-esm.js', kind: 'web ESM' },
  { vendor: 'hms', pkg: '@100mslive/hms-video-store', file: 'dist/index.cjs.js', kind: 'web CJS' },
  { vendor: 'hms', pkg: '@100mslive/hms-video-store', file: 'dist/index.js', kind: 'web ESM' },
  { vendor: 'jitsi', pkg: 'lib-jitsi-meet', file: 'dist/lib-jitsi-meet.min.js', kind: 'web minified UMD' },
  { vendor: 'netease-yunxin', pkg: 'nertc-web-sdk', file: 'NERTC.js', kind: 'web UMD' },
  { vendor: 'sendbird-calls', pkg: 'sendbird-calls', file: 'SendBirdCall.min.js', kind: 'web minified UMD' },
  { vendor: 'volcengine-rtc', pkg: '@volcengine/rtc', file: 'index.min.js', kind: 'web minified' },
  { vendor: 'volcengine-rtc', pkg: '@volcengine/rtc', file: 'index.esm.min.js', kind: 'web minified ESM' },
  { vendor: 'rongcloud', pkg: '@rongcloud/plugin-rtc', file: 'dist/index.umd.js', kind: 'web UMD' },
  { vendor: 'rongcloud', pkg: '@rongcloud/plugin-rtc', file: 'dist/index.esm.js', kind: 'web ESM' },
  { vendor: 'agora', pkg: 'react-native-agora', file: 'lib/commonjs/impl/IAgoraRtcEngineImpl.js', kind: 'React Native CJS' },
  { vendor: 'agora', pkg: 'react-native-agora', file: 'lib/module/impl/IAgoraRtcEngineImpl.js', kind: 'React Native ESM' },
  { vendor: 'dolby-millicast', pkg: '@millicast/sdk', file: 'dist/millicast.umd.js', kind: 'web UMD (Vite)' },
  { vendor: 'dolby-millicast', pkg: '@millicast/sdk', file: 'dist/millicast.debug.umd.js', kind: 'web UMD, inline source map' },
  { vendor: 'dolby-millicast', pkg: '@millicast/sdk', file: 'dist/millicast.mjs', kind: 'web ESM' },
  { vendor: 'dolby-millicast', pkg: '@millicast/sdk', file: 'dist/millicast.js', kind: 'web CJS (Vite)' },
  { vendor: 'stream-video', pkg: '@stream-io/video-client', file: 'dist/index.es.js', kind: 'web ESM (Rollup)' },
  { vendor: 'stream-video', pkg: '@stream-io/video-client', file: 'dist/index.browser.es.js', kind: 'web ESM (Rollup)' },
  { vendor: 'stream-video', pkg: '@stream-io/video-client', file: 'dist/index.cjs.js', kind: 'web CJS (Rollup)' },
  { vendor: 'zoom-video-sdk', pkg: '@zoom/videosdk', file: 'dist/index.umd.js', kind: 'web UMD' },
  { vendor: 'zoom-video-sdk', pkg: '@zoom/videosdk', file: 'dist/index.esm.js', kind: 'web ESM' },
  { vendor: 'zoom-video-sdk', pkg: '@zoom/videosdk', file: 'dist/index.js', kind: 'web CJS (terser-joined exports)' },
  { vendor: 'zoom-video-sdk', pkg: '@zoom/videosdk', file: 'dist/broadcast-streaming.umd.js', kind: 'web UMD (viewer)' },
  { vendor: 'zoom-video-sdk', pkg: '@zoom/videosdk', file: 'dist/broadcast-streaming.esm.js', kind: 'web ESM (viewer)' },
  // Not devDependencies (aliyun-rtc-sdk pulls ~290 MB of TensorFlow.js; zego-express-engine-webrtc has install
  // scripts): read only from unpacked npm tarballs (`packs` below), by the benchmark.
  { vendor: 'alibaba-rtc', pkg: 'aliyun-rtc-sdk', file: 'dist/aliyun-rtc-sdk.umd.js', kind: 'web UMD (Vite)' },
  { vendor: 'alibaba-rtc', pkg: 'aliyun-rtc-sdk', file: 'dist/aliyun-rtc-sdk.es.js', kind: 'web ESM (Vite)' },
  { vendor: 'zegocloud', pkg: 'zego-express-engine-webrtc', file: 'ZegoExpressWebRTC.js', kind: 'web webpack UMD' },
  { vendor: 'zegocloud', pkg: 'zego-express-engine-webrtc', file: 'esm/ZegoExpressWebRTC.esm.js', kind: 'web webpack UMD' },
  // The Zoom Video SDK's UI toolkit (it bundles @zoom/videosdk): an Angular build, webpack's runtime and chunks in one
  // file, recognised by its chunk-loading global. Not a devDependency: from its unpacked npm tarball.
  { vendor: 'zoom-video-sdk', pkg: '@zoom/videosdk-ui-toolkit', file: 'dist/videosdk-ui-toolkit.js', kind: 'web webpack (Angular runtime + chunks)' },
];

/**
 * What vendors ship beside their main build and apps copy into their own static folders as they are: plugins,
 * workers and worklets the SDK loads by URL, optional services, companion engines, extensions. Tested and
 * benchmarked per file like the builds above, but not added to the benchmark IPA (its recipe stays comparable).
 */
export const VENDOR_FILES = [
  // The media workers an app self-hosts (dependentAssets): recognised by the source map on Zoom's own host.
  { vendor: 'zoom-video-sdk', pkg: '@zoom/videosdk', file: 'dist/lib/js_media.min.js', kind: 'web worker (webpack UMD)' },
  { vendor: 'zoom-video-sdk', pkg: '@zoom/videosdk', file: 'dist/lib/video_mtsimd.min.js', kind: 'web worker + Emscripten thread script' },
  { vendor: 'zoom-video-sdk', pkg: '@zoom/videosdk', file: 'dist/lib/audio_simd.min.js', kind: 'web worker + Emscripten glue' },
  { vendor: 'zoom-video-sdk', pkg: '@zoom/videosdk', file: 'dist/lib/net_thread.min.js', kind: 'web worker (no wrapper)' },
  { vendor: 'zoom-video-sdk', pkg: '@zoom/videosdk', file: 'dist/lib/vb.min.js', kind: 'web worker (virtual background)' },
  { vendor: 'tencent-trtc', pkg: 'trtc-sdk-v5', file: 'plugins/video-effect/beauty/beauty.umd.js', kind: 'plugin UMD' },
  { vendor: 'tencent-trtc', pkg: 'trtc-sdk-v5', file: 'plugins/video-effect/beauty/beauty.esm.js', kind: 'plugin ESM' },
  { vendor: 'tencent-trtc', pkg: 'trtc-sdk-v5', file: 'plugins/custom-encryption/custom-encryption.umd.js', kind: 'plugin UMD' },
  { vendor: 'tencent-trtc', pkg: 'trtc-sdk-v5', file: 'plugins/chorus/chorus.esm.js', kind: 'plugin ESM' },
  { vendor: 'tencent-trtc', pkg: 'trtc-sdk-v5', file: 'plugins/device-detector/device-detector.umd.js', kind: 'plugin UMD' },
  { vendor: 'tencent-trtc', pkg: 'trtc-sdk-v5', file: 'plugins/device-detector/device-detector.esm.js', kind: 'plugin ESM' },
  { vendor: 'tencent-trtc', pkg: 'trtc-sdk-v5', file: 'assets/debug-dialog.js', kind: 'asset UMD' },
  { vendor: 'tencent-trtc', pkg: 'trtc-sdk-v5', file: 'assets/denoiser-wasm.js', kind: 'audio worklet (Emscripten)' },
  { vendor: 'tencent-trtc', pkg: 'trtc-sdk-v5', file: 'assets/audioProcessor-wasm.js', kind: 'audio worklet (Emscripten, anchored at both ends)' },
  { vendor: 'tencent-trtc', pkg: 'trtc-sdk-v5', file: 'assets/mediapipe/vision.js', kind: 'esbuild IIFE bundling @mediapipe/tasks-vision' },
  { vendor: 'jitsi', pkg: 'lib-jitsi-meet', file: 'dist/lib-jitsi-meet.js', kind: 'web UMD, unminified (shim inside an outer IIFE)' },
  { vendor: 'agora', pkg: 'agora-rtc-sdk-ng', file: 'services/datachannel/index.js', kind: 'service ESM' },
  { vendor: 'agora', pkg: 'agora-rtc-sdk-ng', file: 'services/p2p-channel/index.js', kind: 'service ESM' },
  { vendor: 'agora', pkg: 'agora-rtc-sdk-ng', file: 'services/ai-audio-mode/index.js', kind: 'service ESM' },
  { vendor: 'rongcloud', pkg: '@rongcloud/plugin-rtc', file: 'dist/index.js', kind: 'web CJS (Rollup + terser)' },
  { vendor: 'rongcloud', pkg: '@rongcloud/engine', file: 'index.esm.js', kind: 'engine ESM' },
  { vendor: 'rongcloud', pkg: '@rongcloud/engine', file: 'index.cjs.js', kind: 'engine CJS' },
  { vendor: 'volcengine-rtc', pkg: '@volcengine/rtc', file: 'extension-ainr/index.umd.js', kind: 'extension UMD' },
  { vendor: 'volcengine-rtc', pkg: '@volcengine/rtc', file: 'extension-beauty/index.umd.js', kind: 'extension UMD' },
  // BytePlus RTC, Volcano Engine's international edition (the same code under its own banner and UMD global): its
  // builds here rather than in VENDOR_BUILDS, so the benchmark IPA's recipe stays what earlier sessions measured.
  { vendor: 'volcengine-rtc', pkg: '@byteplus/rtc', file: 'index.min.js', kind: 'web minified UMD (BytePlus)' },
  { vendor: 'volcengine-rtc', pkg: '@byteplus/rtc', file: 'index.esm.min.js', kind: 'web minified ESM (BytePlus)' },
  { vendor: 'volcengine-rtc', pkg: '@byteplus/rtc', file: 'extension-ainr/index.umd.js', kind: 'extension UMD (BytePlus)' },
  { vendor: 'volcengine-rtc', pkg: '@byteplus/rtc', file: 'extension-beauty/index.js', kind: 'extension ESM (BytePlus)' },
  { vendor: 'netease-yunxin', pkg: 'nertc-web-sdk', file: 'NERTC_Web_SDK_AIAudioEffects.js', kind: 'extension UMD' },
  { vendor: 'netease-yunxin', pkg: 'nertc-web-sdk', file: 'example/vue3-hello-world/src/NIM_Web_NIM_v8.7.0.js', kind: 'NetEase IM SDK UMD (copied into app sources)' },
  { vendor: 'livekit', pkg: 'livekit-client', file: 'dist/livekit-client.e2ee.worker.mjs', kind: 'web worker ESM' },
  { vendor: 'livekit', pkg: 'livekit-client', file: 'dist/livekit-client.fm.worker.mjs', kind: 'web worker ESM' },
  { vendor: 'livekit', pkg: 'livekit-client', file: 'dist/livekit-client.e2ee.worker.js', kind: 'web worker UMD' },
  { vendor: 'netease-yunxin', pkg: 'nertc-web-sdk', file: 'NERTC_Web_SDK_AdvancedBeauty.js', kind: 'extension UMD (Emscripten inside)' },
  { vendor: 'netease-yunxin', pkg: 'nertc-web-sdk', file: 'NERTC_Web_SDK_AIhowling.js', kind: 'extension UMD' },
  { vendor: 'netease-yunxin', pkg: 'nertc-web-sdk', file: 'NERTC_Web_SDK_VirtualBackground.js', kind: 'extension UMD (Emscripten inside)' },
  // React Native wrappers' largest modules, one file per source module (what an app vendors or patches).
  { vendor: 'hms', pkg: '@100mslive/react-native-hms', file: 'lib/commonjs/classes/HMSSDK.js', kind: 'React Native CJS' },
  { vendor: 'hms', pkg: '@100mslive/react-native-hms', file: 'lib/module/classes/HMSSDK.js', kind: 'React Native ESM' },
  { vendor: 'agora', pkg: 'react-native-agora', file: 'lib/commonjs/AgoraBase.js', kind: 'React Native CJS (enums)' },
  { vendor: 'agora', pkg: 'react-native-agora', file: 'lib/module/AgoraBase.js', kind: 'React Native ESM (enums)' },
  { vendor: 'zegocloud', pkg: 'zego-express-engine-reactnative', file: 'lib/ZegoExpressDefines.js', kind: 'React Native ESM (enums)' },
  { vendor: 'zegocloud', pkg: 'zego-express-engine-reactnative', file: 'lib/ZegoExpressEngine.js', kind: 'React Native ESM (facade class)' },
  { vendor: 'zegocloud', pkg: 'zego-express-engine-reactnative', file: 'lib/ZegoExpressErrorCode.js', kind: 'React Native ESM (TypeScript enum IIFE)' },
  // The UI toolkit's Vite builds (2.2.0-2 to 2.5.0-1; it bundles @zoom/videosdk, React and its own UI, 6.5 / 9.1 MB):
  // UMD global UIToolkit and an ESM default export, with the toolkit's root class. Kept out of the benchmark IPA.
  { vendor: 'zoom-video-sdk', pkg: '@zoom/videosdk-ui-toolkit', file: 'dist/videosdk-ui-toolkit.min.umd.js', kind: 'web UMD (Vite; UI toolkit)' },
  { vendor: 'zoom-video-sdk', pkg: '@zoom/videosdk-ui-toolkit', file: 'dist/videosdk-ui-toolkit.min.esm.js', kind: 'web ESM (Vite; UI toolkit)' },
  // Not a devDependency (install scripts): from unpacked npm tarballs (`--packs`), the benchmark only.
  { vendor: 'zegocloud', pkg: 'zego-express-engine-webrtc', file: 'aidenoise/index.js', kind: 'plugin UMD' },
  { vendor: 'zegocloud', pkg: 'zego-express-engine-webrtc', file: 'copyrighted-music/index.js', kind: 'plugin UMD' },
];

/**
 * The builds whose package is installed (devDependencies), with their absolute paths. `packs` adds a folder of
 * unpacked npm tarballs (`<dir>/<name>/package/…`, as `tar xzf` leaves them) for packages that cannot be
 * devDependencies (install scripts, size): the benchmark only, never the tests.
 */
export function installedBuilds(builds = VENDOR_BUILDS, packs) {
  const out = [];
  for (const b of builds) {
    const path = [join(ROOT, 'node_modules', b.pkg, b.file), ...(packs ? [join(packs, b.pkg.replace(/^@/, '').replace('/', '-'), 'package', b.file)] : [])].find((p) => existsSync(p));
    if (path) out.push({ ...b, path });
  }
  return out;
}
