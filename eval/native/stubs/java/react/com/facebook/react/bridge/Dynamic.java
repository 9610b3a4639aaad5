package com.facebook.react.bridge; public interface Dynamic { }
