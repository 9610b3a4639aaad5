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

/**
 * What the callee is called on. A reader that follows def-use structurally (JS) nests receivers: a member of a
 * package (`member` of `module`), the result of calling one (`call` with `of`), alternatives a binding may hold
 * (`either`), and the structures that carry a value through app code (objects, React refs and contexts, functions
 * that return it). The checks give such a term its vendor type (scanner/checks/model-types.ts); readers never do.
 */
export type Receiver =
  | { kind: 'global'; name: string } // AgoraRTC, window.fetch, NativeModules
  // import / require of a package: 'react-native-agora'. `vendor`: a bundled module the reader identified as that
  // vendor's code by its markers (no package name); `wrapper`: an esbuild/rollup `require_x` wrapper (calling it, or
  // its `exports`/`default`, is the module).
  | { kind: 'module'; name: string; vendor?: string; wrapper?: boolean }
  // The result of another call: createAgoraRtcEngine(), sharedInstance(). Structural readers add what was called
  // (`of`), how many arguments it had, the provenance of its first argument (interop helpers hand a module
  // through) and what the called function's own body returns when the reader knows that function (`returns`).
  | { kind: 'call'; callee: string; of?: Receiver; args?: number; first?: Receiver; returns?: Receiver }
  // new X() / new-instance X / [[X alloc] init]; `of`: X's provenance, `original`: X's source-map name when mangled
  | { kind: 'new'; type: string; of?: Receiver; original?: string }
  | { kind: 'member'; of: Receiver; name: string } // a property of another receiver: `Video` of `twilio-video`
  | { kind: 'vendorCode'; vendor: string; name?: string } // a class/function defined in a vendor's bundled code; `name`: its source-map name
  | { kind: 'object'; props: Record<string, Receiver> } // an object literal / module namespace holding receivers
  | { kind: 'ref'; value: Receiver } // a React ref whose `.current` is `value`
  | { kind: 'context'; value: Receiver } // a React context whose provider gives `value`
  | { kind: 'function'; returns: Receiver } // a function whose call gives `returns`
  | { kind: 'either'; of: Receiver[] } // what a binding may hold, in source order: the first that has a type counts
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
  /** What it returns when that is an object it builds (a map filled key by key): callers elsewhere may send it. */
  returns?: ModelValue;
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
  /** Swift constructor: the initializer's selector as the call writes it (`init`, `initDelegate:`; see model-calls.ts). */
  initSelector?: string;
  /** When the result is stored: where (`engine`, `this.engine`, register name) — for def-use across calls. */
  resultTo?: string;
  /** A plain call or `new` of a named function (JS `f()`, `new F()`): the called function's own provenance. */
  target?: Receiver;
  /** The source-map name of a mangled called identifier (`mn()` → `Room`). */
  originalName?: string;
  /** A JSX element (`<LiveKitRoom token={t}>`): its attributes are its one object argument. */
  jsx?: boolean;
  /** Index into CodeModel.functions of the called function, when the reader resolved it in this file (a method of the same class). */
  callsFn?: number;
  /** The call is in commented-out code (CodeModel.commentedCalls). */
  commented?: true;
  /** Commented-out calls: where each literal between the call's parentheses sits (cooked value → first position). */
  literalAt?: Record<string, { line: number; column: number }>;
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
  /**
   * Calls in commented-out code (`// engine = RtcEngine.create(ctx, "…", h)`), read as code of the file's language:
   * never part of `calls` (no session, flow or encryption check sees them); only the literals they hold matter.
   */
  commentedCalls?: ModelCall[];
  /** Definitions that reached a call argument (optional: readers that fold them into argument values may omit). */
  defs?: ModelDef[];
  /** Vendors whose own SDK code the reader found bundled in this artifact (receiver-less matches need it). */
  bundled?: string[];
  /**
   * Whose API names the call sites use, when the format alone does not say (source code read as text): Java and
   * Kotlin call Android APIs (`receiverType` a JVM name), Swift and Objective-C iOS selectors, Dart Flutter
   * plugin APIs. Absent: the format's own (DEX android, Mach-O ios, JS and Hermes js).
   */
  platform?: 'js' | 'android' | 'ios' | 'flutter';
  /** What the code imports (source code: `io.agora.rtc2.RtcEngine`, `package:agora_rtc_engine/…`, `AgoraRtcKit`). */
  imports?: string[];
  /**
   * Constants this file declares for the others that start or continue a URL (`Constants.Network.BASE_URL`,
   * Kotlin/Dart top-level `BASE_URL`): qualified by their enclosing classes (`Outer.Inner.NAME`), bare at file level.
   */
  constants?: Array<{ name: string; value: ModelValue; line: number }>;
}

export function emptyModel(): CodeModel {
  return { functions: [], calls: [] };
}
