// Stand-in for the react-native package, which is not bundled (its native modules live in the app binary).
// Only what react-native-agora and the sample touch at module load; no vendor code here.
export const Platform = { OS: 'ios', select: (o) => o.ios };
export const NativeModules = {};
export const TurboModuleRegistry = { get: (name) => NativeModules[name] ?? null, getEnforcing: (name) => NativeModules[name] ?? {} };
export class NativeEventEmitter {
  constructor(module) { this.module = module; }
  addListener() { return { remove() {} }; }
}
export const AppRegistry = { registerComponent: (name, fn) => fn };
export const UIManager = {};
export const StyleSheet = { create: (s) => s };
export const View = 'View';
export const requireNativeComponent = (name) => name;
export const codegenNativeComponent = (name) => name;
export const codegenNativeCommands = () => ({});
export default { Platform, NativeModules, TurboModuleRegistry, NativeEventEmitter, AppRegistry, UIManager, StyleSheet, View, requireNativeComponent };
