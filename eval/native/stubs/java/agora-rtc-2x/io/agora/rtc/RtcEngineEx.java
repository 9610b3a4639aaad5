package io.agora.rtc;

/** Declaration of the Agora Android SDK 2.x extended engine (io.agora.rtc.RtcEngineEx, a subclass of RtcEngine). */
public abstract class RtcEngineEx extends RtcEngine {
    public abstract int setAppType(int appType);
}
