package com.facebook.react.uimanager; public abstract class SimpleViewManager<T extends android.view.View> extends ViewManager<T, Object> { }
