package io.agora.rtc;

import android.content.Context;
import android.view.SurfaceView;
import io.agora.rtc.video.VideoCanvas;

/** Declarations of the Agora Android SDK 2.x engine (io.agora.rtc.RtcEngine) as react-native-agora 1.x/2.x calls them. */
public abstract class RtcEngine {
    public static synchronized RtcEngine create(Context context, String appId, IRtcEngineEventHandler handler) throws Exception { return null; }
    public static synchronized void destroy() {}
    public static String getSdkVersion() { return null; }
    public static SurfaceView CreateRendererView(Context context) { return null; }
    public abstract int joinChannel(String token, String channelName, String optionalInfo, int optionalUid);
    public abstract int leaveChannel();
    public abstract int enableVideo();
    public abstract int disableVideo();
    public abstract int enableAudio();
    public abstract int disableAudio();
    public abstract int enableLocalVideo(boolean enabled);
    public abstract int setVideoProfile(int profile, boolean swapWidthAndHeight);
    public abstract int enableWebSdkInteroperability(boolean enabled);
    public abstract int setChannelProfile(int profile);
    public abstract int setClientRole(int role, String permissionKey);
    public abstract int setupLocalVideo(VideoCanvas local);
    public abstract int setupRemoteVideo(VideoCanvas remote);
    public abstract int startPreview();
    public abstract int stopPreview();
    public abstract int enableLastmileTest();
    public abstract int disableLastmileTest();
    public abstract int configPublisher(PublisherConfiguration config);
    public abstract int setLocalRenderMode(int mode);
    public abstract int setRemoteRenderMode(int uid, int mode);
    public abstract int enableAudioVolumeIndication(int interval, int smooth);
    public abstract int switchCamera();
    public abstract int setEnableSpeakerphone(boolean enabled);
    public abstract int setDefaultAudioRoutetoSpeakerphone(boolean defaultToSpeaker);
    public abstract int muteLocalAudioStream(boolean muted);
    public abstract int muteAllRemoteAudioStreams(boolean muted);
    public abstract int muteRemoteAudioStream(int uid, boolean muted);
    public abstract int muteLocalVideoStream(boolean muted);
    public abstract int muteAllRemoteVideoStreams(boolean muted);
    public abstract int muteRemoteVideoStream(int uid, boolean muted);
    public abstract int setCameraTorchOn(boolean isOn);
    public abstract int setCameraAutoFocusFaceModeEnabled(boolean enabled);
    public abstract int createDataStream(boolean reliable, boolean ordered);
    public abstract int sendStreamMessage(int streamId, byte[] message);
    public abstract int setEncryptionSecret(String secret);
    public abstract int setEncryptionMode(String encryptionMode);
    public abstract int setClientRole(int role);
    public abstract int enableDualStreamMode(boolean enabled);
    public abstract int setBeautyEffectOptions(boolean enabled, io.agora.rtc.video.BeautyOptions options);
    public abstract int setLocalVoiceChanger(int voiceChanger);
    public abstract int setLocalVoiceReverbPreset(int preset);
    public abstract int setVideoEncoderConfiguration(io.agora.rtc.video.VideoEncoderConfiguration config);
    public abstract int setAudioProfile(int profile, int scenario);
    public abstract int renewToken(String token);
    public abstract int getConnectionState();
}
