package io.agora.rtc;

/** Declarations of the Agora Android SDK 2.x event handler and its stats types. */
public abstract class IRtcEngineEventHandler {
    public static class RtcStats { public int totalDuration, txBytes, rxBytes, txKBitRate, rxKBitRate, users; public double cpuAppUsage, cpuTotalUsage; }
    public static class LocalVideoStats { public int sentBitrate, sentFrameRate; }
    public static class RemoteVideoStats { public int uid, delay, width, height, receivedBitrate, receivedFrameRate, rxStreamType; }
    public static class AudioVolumeInfo { public int uid, volume; }
    public void onAudioVolumeIndication(AudioVolumeInfo[] speakers, int totalVolume) {}
    public void onFirstRemoteVideoDecoded(int uid, int width, int height, int elapsed) {}
    public void onJoinChannelSuccess(String channel, int uid, int elapsed) {}
    public void onRejoinChannelSuccess(String channel, int uid, int elapsed) {}
    public void onUserJoined(int uid, int elapsed) {}
    public void onStreamMessage(int uid, int streamId, byte[] data) {}
    public void onStreamMessageError(int uid, int streamId, int error, int missed, int cached) {}
    public void onError(int err) {}
    public void onWarning(int warn) {}
    public void onLeaveChannel(RtcStats stats) {}
    public void onUserOffline(int uid, int reason) {}
    public void onUserMuteAudio(int uid, boolean muted) {}
    public void onUserMuteVideo(int uid, boolean muted) {}
    public void onLocalVideoStats(LocalVideoStats stats) {}
    public void onRemoteVideoStats(RemoteVideoStats stats) {}
    public void onConnectionLost() {}
    public void onNetworkQuality(int uid, int txQuality, int rxQuality) {}
    public void onLastmileQuality(int quality) {}
}
