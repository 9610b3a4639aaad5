package com.facebook.react.bridge; public enum ReadableType { Null, Boolean, Number, String, Map, Array }
