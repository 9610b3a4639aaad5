package com.tencent.liteav.audio;

/** Declaration of the TRTC Android SDK audio effect manager. */
public interface TXAudioEffectManager {
    enum TXVoiceReverbType { TXLiveVoiceReverbType_0, TXLiveVoiceReverbType_1, TXLiveVoiceReverbType_2, TXLiveVoiceReverbType_3, TXLiveVoiceReverbType_4, TXLiveVoiceReverbType_5, TXLiveVoiceReverbType_6, TXLiveVoiceReverbType_7 }
    enum TXVoiceChangerType { TXLiveVoiceChangerType_0, TXLiveVoiceChangerType_1, TXLiveVoiceChangerType_2, TXLiveVoiceChangerType_3, TXLiveVoiceChangerType_4, TXLiveVoiceChangerType_5, TXLiveVoiceChangerType_6, TXLiveVoiceChangerType_7, TXLiveVoiceChangerType_8, TXLiveVoiceChangerType_9, TXLiveVoiceChangerType_10, TXLiveVoiceChangerType_11 }
    class AudioMusicParam { public int id; public String path; public int loopCount; public boolean publish, isShortFile; public long startTimeMS, endTimeMS; public AudioMusicParam(int id, String path) {} }
    interface TXMusicPlayObserver { void onStart(int id, int errCode); void onPlayProgress(int id, long curPtsMS, long durationMS); void onComplete(int id, int errCode); }
    void enableVoiceEarMonitor(boolean enable);
    void setVoiceEarMonitorVolume(int volume);
    void setVoiceReverbType(TXVoiceReverbType type);
    void setVoiceChangerType(TXVoiceChangerType type);
    void setVoiceCaptureVolume(int volume);
    void setMusicObserver(int id, TXMusicPlayObserver observer);
    boolean startPlayMusic(AudioMusicParam param);
    void stopPlayMusic(int id);
    void pausePlayMusic(int id);
    void resumePlayMusic(int id);
    void setAllMusicVolume(int volume);
    void setMusicPublishVolume(int id, int volume);
    void setMusicPlayoutVolume(int id, int volume);
    void setMusicPitch(int id, float pitch);
    void setMusicSpeedRate(int id, float speedRate);
    long getMusicCurrentPosInMS(int id);
    long getMusicDurationInMS(String path);
    void seekMusicToPosInMS(int id, int pts);
}
