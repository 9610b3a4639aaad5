package io.agora.rtc.video;

/** Declaration of the Agora Android SDK 2.x video encoder configuration. */
public class VideoEncoderConfiguration {
    public enum FRAME_RATE { FRAME_RATE_FPS_1, FRAME_RATE_FPS_7, FRAME_RATE_FPS_10, FRAME_RATE_FPS_15, FRAME_RATE_FPS_24, FRAME_RATE_FPS_30 }
    public enum ORIENTATION_MODE { ORIENTATION_MODE_ADAPTIVE, ORIENTATION_MODE_FIXED_LANDSCAPE, ORIENTATION_MODE_FIXED_PORTRAIT }
    public VideoEncoderConfiguration(int width, int height, FRAME_RATE frameRate, int bitrate, ORIENTATION_MODE orientationMode) {}
}
