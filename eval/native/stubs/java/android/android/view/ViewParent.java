package android.view; public interface ViewParent { void requestLayout(); }
