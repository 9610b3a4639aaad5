package android.view; public class TextureView extends View { public TextureView(android.content.Context c){super(c);} }
