package com.tencent.trtc;

/** Declarations of the TRTC Android SDK listener (com.tencent.trtc.TRTCCloudListener), as trtc-react-native overrides them. */
public abstract class TRTCCloudListener {
    public void onError(int errCode, String errMsg, android.os.Bundle extraInfo) {}
    public void onWarning(int i, String s, android.os.Bundle extraInfo) {}
    public void onEnterRoom(long l) {}
    public void onExitRoom(int i) {}
    public void onSwitchRole(int i, String s) {}
    public void onConnectOtherRoom(String userId, int errCode, String errMsg) {}
    public void onDisConnectOtherRoom(int errCode, String errMsg) {}
    public void onSwitchRoom(int errCode, String errMsg) {}
    public void onStartPublishing(int errCode, String errMsg) {}
    public void onStopPublishing(int errCode, String errMsg) {}
    public void onStartPublishCDNStream(int errCode, String errMsg) {}
    public void onStopPublishCDNStream(int errCode, String errMsg) {}
    public void onRemoteUserEnterRoom(String s) {}
    public void onRemoteUserLeaveRoom(String s, int i) {}
    public void onUserVideoAvailable(String userId, boolean available) {}
    public void onUserSubStreamAvailable(String userId, boolean available) {}
    public void onUserAudioAvailable(String userId, boolean available) {}
    public void onFirstVideoFrame(String userId, int i, int i1, int i2) {}
    public void onFirstAudioFrame(String s) {}
    public void onSendFirstLocalVideoFrame(int i) {}
    public void onSendFirstLocalAudioFrame() {}
    public void onNetworkQuality(TRTCCloudDef.TRTCQuality trtcQuality, java.util.ArrayList<TRTCCloudDef.TRTCQuality> arrayList) {}
    public void onStatistics(TRTCStatistics trtcStatistics) {}
    public void onConnectionLost() {}
    public void onTryToReconnect() {}
    public void onConnectionRecovery() {}
    public void onSpeedTest(TRTCCloudDef.TRTCSpeedTestResult trtcSpeedTestResult, int i, int i1) {}
    public void onCameraDidReady() {}
    public void onMicDidReady() {}
    public void onAudioRouteChanged(int i, int i1) {}
    public void onUserVoiceVolume(java.util.ArrayList<TRTCCloudDef.TRTCVolumeInfo> arrayList, int i) {}
    public void onRecvCustomCmdMsg(String userId, int cmdID, int seq, byte[] message) {}
    public void onMissCustomCmdMsg(String userId, int cmdID, int errCode, int missed) {}
    public void onRecvSEIMsg(String userId, byte[] data) {}
    public void onSetMixTranscodingConfig(int i, String s) {}
    public void onScreenCaptureStarted() {}
    public void onScreenCapturePaused() {}
    public void onScreenCaptureResumed() {}
    public void onScreenCaptureStopped(int reason) {}
}
