package com.tencent.trtc;

/** Declaration of the TRTC Android SDK statistics type. */
public class TRTCStatistics { public int appCpu, systemCpu, rtt, upLoss, downLoss; public long sendBytes, receiveBytes; }
