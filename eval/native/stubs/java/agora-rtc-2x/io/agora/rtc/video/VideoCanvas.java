package io.agora.rtc.video;

/** Declaration of the Agora Android SDK 2.x video canvas. */
public class VideoCanvas {
    public static final int RENDER_MODE_HIDDEN = 1, RENDER_MODE_FIT = 2, RENDER_MODE_ADAPTIVE = 3;
    public VideoCanvas(android.view.View view, int renderMode, int uid) {}
}
