package android.app; public class Activity extends android.content.Context { public Object getSystemService(String n){return null;} public void runOnUiThread(Runnable r){} }
