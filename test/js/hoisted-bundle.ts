// A small scope-hoisted bundle (esbuild/Rollup shape) of Agora-marked library statements and two lines of app code,
// shared by the elision test and the elision fuzz property.

const filler = (name: string) => `var x = [${Array.from({ length: 80 }, (_, i) => i).join(',')}]; return ${name}(x);`;

/**
 * ERR, Helper, CODES and TAG are Agora's code the app never names; Client is Agora's class the app instantiates and
 * joins with. CODES is large enough (> 16 KiB) that the wrapping IIFE is opened like a real bundle's.
 */
export const HOISTED_BUNDLE = [
  '(() => {',
  '  var ERR = "AgoraRTCException: " + "the SDK raised an error while it was handling a request";',
  `  var Helper = class { run(a) { ${filler('a.concat')} } size() { return this.items.length + 1; } };`,
  `  var Client = class { join(appId, channel, token, uid) { ${filler('channel.concat')} } leave() { return 0; } };`,
  `  var CODES = [${Array.from({ length: 4000 }, (_, i) => i).join(',')}];`,
  '  var TAG = "AgoraRTCException: " + "the client left the channel before the request completed";',
  '  const client = new Client();',
  '  client.join("0123456789abcdef0123456789abcdef", "lobby", null, 42);',
  '})();',
  '',
].join('\n');
