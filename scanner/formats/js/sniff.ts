// Whether a file is JavaScript (or TypeScript), from its first bytes and its name: what the reader list asks
// before the JS reader's modules are loaded (formats/index.ts), so it imports nothing.
const HERMES_MAGIC = Buffer.from([0xc6, 0x1f, 0xbc, 0x03, 0xc1, 0x03, 0x19, 0x1f]);
const HERMES_DELTA_MAGIC = Buffer.from(HERMES_MAGIC.map((b) => ~b & 0xff));
// A Vue single-file component (.vue, uni-app's .nvue) is read for its script blocks (vue-sfc.ts).
const JS_NAME = /\.(?:[cm]?[jt]sx?|jsbundle|bundle|n?vue)$/i;
const TS_NAME = /\.[cm]?ts$/i;
const OTHER_SOURCE_NAME = /\.(?:swift|kt|kts|java|py|go|rs|dart|rb|m|mm|h|hh|hpp|c|cc|cpp|cs|scala|groovy|gradle|php)$/i;
const JS_START =
  /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(?:["']use strict["']|var\s|let\s|const\s|function[\s*(]|import[\s{*"']|export\s|\(function|\(\(\)|\(\s*\(|!function|__d\(|\(self\.webpackChunk|\(window\.webpackJsonp|window\.|self\.|globalThis\.|this\.|require\(|module\.exports|exports\.|define\(|async\s|class\s|;\(|\()/;

export function isHermes(head: Buffer): boolean {
  return head.length >= 8 && (head.subarray(0, 8).equals(HERMES_MAGIC) || head.subarray(0, 8).equals(HERMES_DELTA_MAGIC));
}

function looksTextual(head: Buffer): boolean {
  const n = Math.min(head.length, 1024);
  for (let i = 0; i < n; i++) if (head[i] === 0) return false;
  return true;
}

/** The JS reader's claim: a script by name, or a nameless/odd-named text that opens like one. */
export function sniffJs(head: Buffer, path: string): boolean {
  if (isHermes(head) || !looksTextual(head)) return false;
  const text = head.subarray(0, 1024).toString('utf8').replace(/^\uFEFF/, '');
  // A `.ts` that opens with markup is a Qt translation file (XML), not TypeScript.
  if (JS_NAME.test(path)) return !(TS_NAME.test(path) && /^\s*</.test(text));
  // Sources of other languages open like a script too (`import Foundation`, `import React` in Swift).
  if (OTHER_SOURCE_NAME.test(path)) return false;
  return JS_START.test(text);
}
