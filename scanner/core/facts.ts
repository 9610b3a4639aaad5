// The facts every format reader yields. Checks consume only these, so every check works on every format.
// All fields are plain data (structured-clone safe) because readers may run in worker threads.
import type { CodeModel } from '../model/types.js';

/** Where something is inside one artifact. Text formats give line/column; binary formats give byte offsets. */
export interface Position {
  /** 1-based line in the artifact's text (text formats only). */
  line?: number;
  /** 1-based column (text formats only). */
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Byte offset of the thing inside the artifact (binary formats; optional for text). */
  offset?: number;
  /** Length in bytes at `offset`. */
  length?: number;
  /** Short excerpt of the surrounding text, for humans. */
  snippet?: string;
  /** Original source position when a source map traced this position back (JS only). */
  original?: {
    /** The map's source name, normalised (`webpack://app/./src/a.ts` → `src/a.ts`); 1-based line and column. */
    source: string;
    line: number;
    column: number;
    name?: string;
    /** Virtual path of the original file, resolved against the map's folder when the map names it relatively. */
    path?: string;
  };
  /** Enclosing code context when known: a function, class or method name ("Lcom/app/Call;->join"). */
  context?: string;
}

/** Kinds of string a reader can report; checks may weigh them differently. */
export type StringKind =
  | 'literal' // JS string/template literal, plist/XML value
  | 'identifier' // JS identifier or property name, Hermes identifier
  | 'comment' // JS comment text (checks treat as prose: never cleartext, never credentials)
  | 'cstring' // Mach-O __cstring / ELF .rodata printable run
  | 'cfstring' // Mach-O CFString literal
  | 'objc-class'
  | 'objc-method'
  | 'swift-type'
  | 'symbol' // symbol table name
  | 'dex-string'
  | 'dex-type' // DEX type descriptor, e.g. Lio/agora/rtc2/RtcEngine;
  | 'hermes-string'
  | 'hermes-identifier'
  | 'config' // a value from a config file (plist, manifest, XML)
  | 'printable'; // printable run from an unknown binary

export interface StringFact extends Position {
  value: string;
  kind: StringKind;
  /** Source code only: the name the literal is bound to (`const APP_ID = "…"`, `{ secret: "…" }`). */
  binding?: string;
  /** The binding with the object keys and variable it sits in (`tencent.trtc.appid`), when it is nested. */
  bindingPath?: string;
  /** Source code read line by line: the call whose first argument the literal is (`OAuthProvider("apple.com")`). */
  argumentOf?: string;
  /** Source code only: the literal is a module specifier (`require("socket.io")`), never a host. */
  module?: true;
  /** Vendor id when the reader knows the string sits in that vendor's own code (an SDK module inside an app bundle). */
  vendorCode?: string;
  /**
   * npm package when the reader knows the string sits in a non-RTC dependency's own code inside an app bundle (a
   * module or statements recognised by the library's markers, rules/libraries/): its hosts are the dependency's,
   * as in a file under node_modules/.
   */
  libraryCode?: string;
  /**
   * JS only: the string is not one literal but what an expression writes around a constant from elsewhere
   * (`http://${ip}:3000/users/` with `ip` imported); positions inside the value do not map to source columns.
   */
  composed?: true;
}

export interface SymbolFact extends Position {
  name: string;
  kind: 'import' | 'export' | 'class' | 'method' | 'field' | 'type' | 'jni' | 'function';
}

/** A library the artifact links to or declares: a dylib load command, DT_NEEDED, an npm module, a framework. */
export interface LibraryFact extends Position {
  name: string;
  kind: 'dylib' | 'weak-dylib' | 'rpath' | 'needed' | 'framework' | 'native-lib' | 'npm' | 'pod' | 'swiftpm' | 'maven';
  version?: string;
}

/**
 * A configuration key/value: Info.plist entries, AndroidManifest attributes, network_security_config.
 * `key` is a slash path, e.g. `NSAppTransportSecurity/NSExceptionDomains/example.com/NSExceptionAllowsInsecureHTTPLoads`
 * or `manifest/application/@android:usesCleartextTraffic`.
 */
export interface ConfigFact extends Position {
  key: string;
  value: string | number | boolean | null;
}

/** A call from app code to a method, as compiled formats see it (DEX invoke, ObjC selector use). */
export interface CallRefFact extends Position {
  /** The calling method, e.g. `Lcom/example/Room;->join(Ljava/lang/String;)V`. */
  caller: string;
  /** The called method, e.g. `Lio/agora/rtc2/RtcEngine;->joinChannel(Ljava/lang/String;Ljava/lang/String;ILio/agora/rtc2/ChannelMediaOptions;)I`. */
  callee: string;
}

/** A value the JS analysis resolved statically. `kind: 'unknown'` keeps the source text. */
export type JsValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'undefined' }
  | { kind: 'object'; props: Record<string, JsValue> }
  | { kind: 'array'; items: JsValue[] }
  | { kind: 'unknown'; text: string };

/** String form of a primitive value (what `String(v)` would give), or undefined for objects and unknowns. */
export function asString(v: JsValue): string | undefined {
  switch (v.kind) {
    case 'string':
      return v.value;
    case 'number':
      return String(v.value);
    case 'boolean':
      return String(v.value);
    case 'null':
      return 'null';
    case 'undefined':
      return 'undefined';
    default:
      return undefined;
  }
}

/** A call site of a vendor API found by the JS analysis (or Hermes/DEX readers where possible). */
export interface ApiCallFact extends Position {
  vendor: string; // vendor id from rules/vendors
  api: string; // api id from the vendor rule
  kind: 'init' | 'join' | 'encryption' | 'region' | 'other';
  /**
   * Argument values in call order, as the reader resolved them (a JSX element: its attributes as one object). The
   * checks give them roles from the API rule (scanner/checks/model-calls.ts modelArgsByRole), as for every format.
   */
  values?: JsValue[];
  /** Argument role → value, for facts built by hand with their roles already known (tests); readers give `values`. */
  args?: Record<string, JsValue>;
  /** Source text of the callee, e.g. `client.join`. */
  callee: string;
  /** True when the call sits inside the vendor's own code (SDK internals); checks ignore those. */
  inVendorCode: boolean;
}

/** One step of a data flow (source → … → sink). */
export interface FlowStep extends Position {
  message: string;
  /**
   * Virtual path of the file this step is in, when it is not the analysed artifact: the JS dataflow follows calls
   * into app modules the file imports (an exported request helper in `src/helpers/network.js`).
   */
  file?: string;
}

/** An identifier value reaching a network sink, found by the dataflow analysis. */
export interface FlowFact {
  /** Identifier name as written or its role, e.g. `uid`, `channel`. */
  identifier: string;
  /** `rtc-arg` (argument of an RTC join) or `named` (a value named like an identifier). */
  sourceKind: 'rtc-arg' | 'named';
  sink: {
    kind: string; // 'fetch' | 'xhr' | 'websocket' | 'beacon' | 'axios' | 'eventsource' | 'socket.io' | 'image' | 'rtc-sdk' ...
    url?: string; // resolved URL, when known
    scheme?: string; // http, https, ws, wss
    host?: string;
    vendor?: string; // when the sink is a vendor SDK or a vendor host
    event?: string; // the message's name on a connection (socket.io `emit("login", …)`): each event is its own flow
  };
  steps: FlowStep[]; // first = source, last = sink
  /**
   * Index of the step a finding is located at, when not the sink: the call, in the module that wrote the request,
   * of a request helper shared across modules (`API.fetch({url, data})` → `axios(options)` in api.js).
   */
  primary?: number;
  /**
   * The source is a name shaped like an identifier (`threadId`) that the vocabulary does not list: the flow counts
   * only if the scan passes a value of that name to an RTC SDK as uid or channel (the cleartext check decides).
   */
  candidate?: boolean;
}

/**
 * What an Apple privacy manifest (`PrivacyInfo.xcprivacy`) declares, as read; `problems` says which entries did not
 * have the documented shape (they are left out of the lists).
 */
export interface PrivacyManifestFacts {
  /** `NSPrivacyTracking`, when present. */
  tracking?: boolean;
  trackingDomains: string[];
  collected: Array<{ type: string; linked?: boolean; tracking?: boolean; purposes: string[] }>;
  accessedApis: Array<{ category: string; reasons: string[] }>;
  problems: string[];
}

/** Something a reader or the input layer could not do. Becomes a SARIF tool execution notification. */
export interface Notice {
  level: 'error' | 'warning' | 'note';
  /** Stable id, e.g. `input/zip-bomb`, `macho/encrypted`, `hermes/unknown-version`. */
  id: string;
  message: string;
  /** Virtual path of the artifact concerned. */
  artifact?: string;
}

export type FormatId =
  | 'js'
  | 'json'
  | 'sourcemap'
  | 'hermes'
  | 'macho'
  | 'elf'
  | 'dex'
  | 'plist'
  | 'axml'
  | 'xml'
  | 'mobileprovision'
  | 'text'
  | 'binary';

/** What one reader extracted from one artifact. Every array may be empty. */
export interface Facts {
  /** Virtual path of the artifact, e.g. `club.ipa!/Payload/Club.app/main.jsbundle`. */
  artifact: string;
  /**
   * The vendor npm package the artifact is a file of when its path does not say so (no `node_modules/`): the
   * nearest package.json above it names that package (engine/package-owner.ts). Library code, as under node_modules.
   */
  package?: string;
  format: FormatId;
  /** Format details for humans and for checks: `{ hermesVersion: '96' }`, `{ arch: 'arm64' }`, `{ bundleId: ... }`. */
  meta: Record<string, string>;
  strings: StringFact[];
  symbols: SymbolFact[];
  libraries: LibraryFact[];
  config: ConfigFact[];
  calls: CallRefFact[];
  apiCalls: ApiCallFact[];
  flows: FlowFact[];
  /** Flows from candidate sources (FlowFact.candidate), apart from `flows`: the cleartext check confirms them. */
  flowCandidates?: FlowFact[];
  /** What a code reader understood of the code (functions, call sites, argument values): see scanner/model. */
  code?: CodeModel;
  /** Set by the plist reader for a `PrivacyInfo.xcprivacy` (XML or binary). */
  privacyManifest?: PrivacyManifestFacts;
  notices: Notice[];
  /** True when positions are line/column (text) rather than byte offsets. */
  textual: boolean;
}

export function emptyFacts(artifact: string, format: FormatId, textual: boolean): Facts {
  return {
    artifact,
    format,
    meta: {},
    strings: [],
    symbols: [],
    libraries: [],
    config: [],
    calls: [],
    apiCalls: [],
    flows: [],
    notices: [],
    textual,
  };
}
