package io.agora.rtc.video;

/** Declaration of the Agora Android SDK 2.x beauty options. */
public class BeautyOptions { public int lighteningContrastLevel; public float lighteningLevel, smoothnessLevel, rednessLevel; }
