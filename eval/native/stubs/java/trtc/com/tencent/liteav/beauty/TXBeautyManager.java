package com.tencent.liteav.beauty;

/** Declaration of the TRTC Android SDK beauty manager. */
public interface TXBeautyManager {
    void setBeautyStyle(int style);
    void setBeautyLevel(float level);
    void setWhitenessLevel(float level);
    void setRuddyLevel(float level);
    void enableSharpnessEnhancement(boolean enable);
    void setFilter(android.graphics.Bitmap image);
    void setFilterStrength(float strength);
}
