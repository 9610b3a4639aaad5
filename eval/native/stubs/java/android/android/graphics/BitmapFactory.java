package android.graphics; public class BitmapFactory { public static Bitmap decodeStream(java.io.InputStream s){return null;} public static Bitmap decodeFile(String p){return null;} }
