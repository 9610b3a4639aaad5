package com.facebook.react.modules.core; public class ChoreographerCompat { public static abstract class FrameCallback { public abstract void doFrame(long t); } }
