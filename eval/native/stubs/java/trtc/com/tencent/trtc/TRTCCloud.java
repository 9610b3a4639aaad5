package com.tencent.trtc;

import android.content.Context;
import android.graphics.Bitmap;
import com.tencent.liteav.audio.TXAudioEffectManager;
import com.tencent.liteav.beauty.TXBeautyManager;
import com.tencent.liteav.device.TXDeviceManager;
import com.tencent.rtmp.ui.TXCloudVideoView;

/** Declarations of the TRTC Android SDK engine (com.tencent.trtc.TRTCCloud) as trtc-react-native 2.x calls it. */
public abstract class TRTCCloud {
    public static TRTCCloud sharedInstance(Context context) { return null; }
    public static void destroySharedInstance() {}
    public static void setConsoleEnabled(boolean enabled) {}
    public static void setLogDirPath(String path) {}
    public static void setLogCompressEnabled(boolean enabled) {}
    public abstract void setListener(TRTCCloudListener listener);
    public abstract void enterRoom(TRTCCloudDef.TRTCParams param, int scene);
    public abstract void exitRoom();
    public abstract void ConnectOtherRoom(String param);
    public abstract void DisconnectOtherRoom();
    public abstract void switchRole(int role);
    public abstract int setDefaultStreamRecvMode(boolean autoRecvAudio, boolean autoRecvVideo);
    public abstract void switchRoom(TRTCCloudDef.TRTCSwitchRoomConfig config);
    public abstract void startPublishing(String streamId, int streamType);
    public abstract void stopPublishing();
    public abstract void startPublishCDNStream(TRTCCloudDef.TRTCPublishCDNParam param);
    public abstract void stopPublishCDNStream();
    public abstract void setMixTranscodingConfig(TRTCCloudDef.TRTCTranscodingConfig config);
    public abstract void startLocalPreview(boolean frontCamera, TXCloudVideoView view);
    public abstract void stopLocalPreview();
    public abstract void startRemoteView(String userId, int streamType, TXCloudVideoView view);
    public abstract void stopRemoteView(String userId, int streamType);
    public abstract void stopAllRemoteView();
    public abstract int setLocalRenderParams(TRTCCloudDef.TRTCRenderParams params);
    public abstract int setRemoteRenderParams(String userId, int streamType, TRTCCloudDef.TRTCRenderParams params);
    public abstract void muteRemoteAudio(String userId, boolean mute);
    public abstract void muteAllRemoteAudio(boolean mute);
    public abstract void setRemoteAudioVolume(String userId, int volume);
    public abstract void setAudioCaptureVolume(int volume);
    public abstract int getAudioCaptureVolume();
    public abstract void setAudioPlayoutVolume(int volume);
    public abstract int getAudioPlayoutVolume();
    public abstract void startLocalAudio(int quality);
    public abstract void stopLocalAudio();
    public abstract void muteLocalAudio(boolean mute);
    public abstract void muteLocalVideo(boolean mute);
    public abstract void setVideoMuteImage(Bitmap image, int fps);
    public abstract void setWatermark(Bitmap image, int streamType, float x, float y, float width);
    public abstract void muteRemoteVideoStream(String userId, boolean mute);
    public abstract void muteAllRemoteVideoStreams(boolean mute);
    public abstract void setVideoEncoderParam(TRTCCloudDef.TRTCVideoEncParam param);
    public abstract void setNetworkQosParam(TRTCCloudDef.TRTCNetworkQosParam param);
    public abstract void setVideoEncoderRotation(int rotation);
    public abstract void setVideoEncoderMirror(boolean mirror);
    public abstract void setGSensorMode(int mode);
    public abstract void setAudioRoute(int route);
    public abstract void enableAudioVolumeEvaluation(int intervalMs);
    public abstract int startAudioRecording(TRTCCloudDef.TRTCAudioRecordingParams param);
    public abstract void stopAudioRecording();
    public abstract void startLocalRecording(TRTCCloudDef.TRTCLocalRecordingParams params);
    public abstract void stopLocalRecording();
    public abstract void setSystemVolumeType(int type);
    public abstract TXDeviceManager getDeviceManager();
    public abstract TXBeautyManager getBeautyManager();
    public abstract TXAudioEffectManager getAudioEffectManager();
    public abstract void startSpeedTest(int sdkAppId, String userId, String userSig);
    public abstract void stopSpeedTest();
    public abstract void setLogLevel(int level);
    public abstract String callExperimentalAPI(String jsonStr);
    public abstract String getSDKVersion();
    public abstract void enablePayloadPrivateEncryption(boolean enabled, TRTCCloudDef.TRTCPayloadPrivateEncryptionConfig config);
}
