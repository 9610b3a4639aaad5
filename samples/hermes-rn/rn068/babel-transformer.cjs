// Metro's Babel transformer as React Native 0.68 apps had it (metro-react-native-babel-transformer 0.67.0, which
// reads the app's babel.config.js `presets: ['module:metro-react-native-babel-preset']`): the same parse/transform
// steps as @react-native/metro-babel-transformer, with the old preset (devDependency metro-react-native-babel-preset
// 0.67.0 — the last one with @babel/plugin-transform-regenerator: async functions become regenerator state machines,
// `_regenerator.default.async(function (_context) { while (1) switch (_context.prev = _context.next) { … } })`, in
// JSC and Hermes builds alike, since RN 0.68's build scripts pass no Hermes transform profile).
'use strict';
const { parseSync, transformFromAstSync } = require('@babel/core');
const crypto = require('crypto');
const fs = require('fs');
const preset = require('metro-react-native-babel-preset');

function transform({ filename, options, src, plugins }) {
  const { projectRoot, experimentalImportSupport, extendsBabelConfigPath, ...presetOptions } = options;
  const config = {
    sourceType: 'unambiguous',
    babelrc: false,
    configFile: false,
    code: false,
    ast: true,
    cloneInputAst: false,
    cwd: projectRoot,
    envName: options.dev ? 'development' : 'production',
    filename,
    highlightCode: true,
    presets: [[preset, { projectRoot, ...presetOptions, disableImportExportTransform: experimentalImportSupport, enableBabelRuntime: options.enableBabelRuntime }]],
    plugins: plugins ?? [],
    caller: { name: 'metro', bundler: 'metro', platform: options.platform, unstable_transformProfile: options.unstable_transformProfile },
  };
  const result = transformFromAstSync(parseSync(src, config), src, config);
  return result ? { ast: result.ast, metadata: result.metadata } : { ast: null };
}

function getCacheKey() {
  return crypto.createHash('md5').update(fs.readFileSync(__filename)).update(require('metro-react-native-babel-preset/package.json').version).digest('hex');
}

module.exports = { transform, getCacheKey };
