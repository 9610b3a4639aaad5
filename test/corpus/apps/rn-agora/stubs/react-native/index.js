// Stand-in for react-native's JS entry: only the NativeModules registry the Agora wrapper uses.
export const NativeModules = globalThis.nativeModuleProxy || {};
