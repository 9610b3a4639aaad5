package com.tencent.liteav.basic.log;

/** Declaration of the TRTC Android SDK logger. */
public class TXCLog { public static void e(String tag, String msg) {} public static void i(String tag, String msg) {} }
