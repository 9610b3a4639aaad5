package com.tencent.trtc;

/** Declarations of the TRTC Android SDK parameter types (com.tencent.trtc.TRTCCloudDef) that trtc-react-native uses. */
public class TRTCCloudDef {
    public static class TRTCParams { public int sdkAppId; public String userId, userSig; public int roomId; public String strRoomId; public int role; public String streamId, userDefineRecordId, privateMapKey, businessInfo; }
    public static class TRTCSwitchRoomConfig { public int roomId; public String strRoomId, userSig, privateMapKey; }
    public static class TRTCPublishCDNParam { public int appId, bizId; public String url; }
    public static class TRTCTranscodingConfig { public int appId, bizId, mode, videoWidth, videoHeight; }
    public static class TRTCVideoEncParam { public int videoResolution, videoResolutionMode, videoFps, videoBitrate, minVideoBitrate; public boolean enableAdjustRes; }
    public static class TRTCNetworkQosParam { public int preference, controlMode; }
    public static class TRTCRenderParams { public int rotation, fillMode, mirrorType; }
    public static class TRTCAudioRecordingParams { public String filePath; }
    public static class TRTCLocalRecordingParams { public String filePath; public int recordType, interval; }
    public static class TRTCQuality { public String userId; public int quality; }
    public static class TRTCSpeedTestResult { public String ip; public int quality; public float upLostRate, downLostRate; public int rtt; }
    public static class TRTCVolumeInfo { public String userId; public int volume; }
    public static class TRTCPayloadPrivateEncryptionConfig { public int encryptionAlgorithm; public String encryptionKey; public byte[] encryptionSalt; }
}
