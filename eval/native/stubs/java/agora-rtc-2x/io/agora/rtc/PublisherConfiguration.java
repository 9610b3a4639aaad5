package io.agora.rtc;

/** Declarations of the Agora Android SDK 2.x CDN publisher configuration builder. */
public class PublisherConfiguration {
    public static class Builder {
        public Builder owner(boolean owner) { return this; }
        public Builder size(int width, int height) { return this; }
        public Builder frameRate(int framerate) { return this; }
        public Builder bitRate(int bitrate) { return this; }
        public Builder defaultLayout(int layoutStyle) { return this; }
        public Builder streamLifeCycle(int lifecycle) { return this; }
        public Builder rawStreamUrl(String url) { return this; }
        public Builder publishUrl(String url) { return this; }
        public Builder extraInfo(String optionalInfo) { return this; }
        public PublisherConfiguration build() { return new PublisherConfiguration(); }
    }
}
