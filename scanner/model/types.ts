// The format-neutral code model: what a code reader (JS, Hermes, DEX, Mach-O) understood of the artifact's code.
// Readers build it from their own representation (AST, registers); checks read only this, so one implementation of
// vendor-API matching, sessions, credentials and flows serves every format. Plain data: structured-clone safe.
import type { JsValue, Position } from '../core/facts.js';

/**
 * Where an unknown value comes from. Checks use it to name an argument's provenance ("uid = parameter 1 of
 * startCall") and to follow identifiers; readers say as much as they know and no more.
 */
export type ValueOrigin =
  | { kind: 'param'; fn: string; index: number }
  | { kind: 'field'; owner?: string; name: string } // this.x, iget/sget, ObjC ivar / property getter
  | { kind: 'call'; callee: string } // the result of another call
  | { kind: 'global'; name: string }
  | { kind: 'other'; text?: string };

/**
 * Abstract value of an argument: every JsValue kind (constants, object literals, arrays, unknowns), plus string
 * building that compiled code does without a literal — concatenation (`+`, StringBuilder.append, template literals)
 * and format strings with typed holes (String.format, stringWithFormat:). Holes are values too (often unknowns).
 */
export type ModelValue =
  | JsValue
  | { kind: 'concat'; parts: ModelValue[] }
  | { kind: 'format'; format: string; args: ModelValue[] }
  | { kind: 'unknown'; text: string; origin?: ValueOrigin }
  | { kind: 'object'; props: Record<string, ModelValue> };

/** What the callee is called on. */
export type Receiver =
  | { kind: 'global'; name: string } // AgoraRTC, window.fetch, NativeModules
  | { kind: 'module'; name: string } // import / require of a package: 'react-native-agora'
  | { kind: 'call'; callee: string } // the result of another call: createAgoraRtcEngine(), sharedInstance()
  | { kind: 'new'; type: string } // new X() / new-instance X / [[X alloc] init]
  | { kind: 'class'; name: string } // static call: a Java static method, an ObjC class method ([X sharedEngine…])
  | { kind: 'param'; fn: string; index: number }
  | { kind: 'this' }
  | { kind: 'field'; owner?: string; name: string } // this.engine, iget, a static field
  | { kind: 'none' } // a plain function call: createAgoraRtcEngine()
  | { kind: 'unknown'; text?: string };

/** One function / method. Positions: text formats line/column; compiled formats byte offset + size. */
export interface ModelFunction extends Position {
  /** Readable name: `startCall`, `Lcom/app/Call;->join(Ljava/lang/String;)V`, `-[CallVC join]`, `#12` when anonymous. */
  name: string;
  /** Hermes function index, DEX method index — whatever the format numbers functions by. */
  index?: number;
  /** Parameter count when known. */
  params?: number;
  /** True when the function is in code the reader recognised as a vendor's own (SDK internals). */
  inVendorCode?: boolean;
}

export interface ModelCall extends Position {
  /** Index into CodeModel.functions of the calling function (-1 for top-level code the reader did not attribute). */
  fn: number;
  /**
   * Qualified callee as the format names it: `AgoraRTC.createClient`, `io/agora/rtc2/RtcEngine.joinChannel`,
   * `AgoraRtcEngineKit.sharedEngineWithAppId:delegate:`, `engine.joinChannel` (JS: receiver text + method).
   */
  callee: string;
  /** Bare method / function / selector name: `joinChannel`, `sharedEngineWithAppId:delegate:`. */
  method: string;
  /**
   * Static type of the receiver when the format knows it: the DEX class of an invoke (`io/agora/rtc2/RtcEngine`),
   * the ObjC class of a class message or of an alloc'd receiver, the JS type the analysis inferred.
   */
  receiverType?: string;
  receiver: Receiver;
  /** Arguments in call order, not counting the receiver (`this`, ObjC self/_cmd). */
  args: ModelValue[];
  /** Parameter types when the format names them: the JVM descriptor of a DEX invoke (`(Ljava/lang/String;I)`). */
  signature?: string;
  /** `new X(…)` / constructor invocation. */
  construct?: boolean;
  /** When the result is stored: where (`engine`, `this.engine`, register name) — for def-use across calls. */
  resultTo?: string;
}

/** A value the reader saw defined and later used: followed from its definition into a call (local def-use). */
export interface ModelDef extends Position {
  fn: number;
  /** Variable, register or field name as the reader names it. */
  name: string;
  value: ModelValue;
}

/**
 * Conventions the checks (scanner/checks/model-calls.ts, model-flows.ts) rely on:
 * - Constructors: `construct: true`, `method: '<init>'`, `receiverType` = the constructed type (`java/net/URL`,
 *   `WebSocket`); the receiver of later calls on that object is `{ kind: 'new', type }`.
 * - `receiverType`: JVM internal name without `L…;` (`io/agora/rtc2/RtcEngine`), ObjC class name, JS global name.
 * - A receiver that is the result of another call names that call's `callee` string exactly
 *   (`{ kind: 'call', callee: 'react-native-agora.createAgoraRtcEngine' }`), so the vendor `returns` type of the
 *   producing call reaches it; for ObjC the part before the first `.` is taken as the producing class.
 * - JS/Hermes package members: receiver `{ kind: 'module', name: '<npm package>' }`, callee `<package>.<export>`.
 * - Holes in string building are `unknown`s with an `origin` when known; defs (optional) let flows point at the
 *   definition of a hole or URL (matched by object identity of `value`).
 */
export interface CodeModel {
  functions: ModelFunction[];
  calls: ModelCall[];
  /** Definitions that reached a call argument (optional: readers that fold them into argument values may omit). */
  defs?: ModelDef[];
}

export function emptyModel(): CodeModel {
  return { functions: [], calls: [] };
}
