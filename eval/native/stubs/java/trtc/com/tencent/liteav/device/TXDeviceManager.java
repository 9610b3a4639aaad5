package com.tencent.liteav.device;

/** Declaration of the TRTC Android SDK device manager. */
public interface TXDeviceManager {
    boolean isFrontCamera();
    int switchCamera(boolean frontCamera);
    float getCameraZoomMaxRatio();
    int setCameraZoomRatio(float ratio);
    boolean isAutoFocusEnabled();
    int enableCameraAutoFocus(boolean enabled);
    int setCameraFocusPosition(int x, int y);
    boolean enableCameraTorch(boolean enabled);
}
