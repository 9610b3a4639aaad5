package com.tencent.rtmp.ui;

/** Declaration of the TRTC Android SDK video view. */
public class TXCloudVideoView extends android.widget.FrameLayout {
    public TXCloudVideoView(android.content.Context context) { super(context); }
    public TXCloudVideoView(android.view.SurfaceView surfaceView) { super(null); }
    public TXCloudVideoView(android.view.TextureView textureView) { super(null); }
    public void setUserId(String userId) {}
    public String getUserId() { return null; }
}
