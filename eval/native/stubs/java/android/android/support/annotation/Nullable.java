package android.support.annotation; public @interface Nullable { }
