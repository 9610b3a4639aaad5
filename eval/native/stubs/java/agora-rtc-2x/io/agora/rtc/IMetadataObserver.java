package io.agora.rtc;

/** Declaration of the Agora Android SDK 2.x metadata observer. */
public interface IMetadataObserver { int getMaxMetadataSize(); }
