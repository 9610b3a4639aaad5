// Schema of rules/sinks.yaml: the network sinks (and value propagators) the JS dataflow analysis knows.
// Sinks are data so a new networking API needs a rule line, not code.
import { z } from 'zod';
import { loadRuleFile, RuleError } from './rule-file.js';

/** Where a value sits in a call: positional argument `arg`, optionally a property `prop` of an object argument. */
export const ArgRef = z
  .object({
    arg: z.number().int().min(0).max(16),
    /** Property of an object argument (`{ body }`, `{ url }`); omitted = the argument itself. */
    prop: z.string().min(1).optional(),
    /** Every argument from `arg` on (socket.io `emit(event, ...payload)`). */
    rest: z.boolean().optional(),
  })
  .strict();
export type ArgRef = z.infer<typeof ArgRef>;

/**
 * How a sink rule is recognised. Exactly one of `call`, `new`, or `on` (+ `method` | `invoke` | `assign`).
 * Paths are dotted global paths after dropping global-object prefixes (`window.`, `self.`, `globalThis.`, `global.`):
 * `fetch`, `navigator.sendBeacon`, `axios.get`. Imports are mapped to global paths by `modules`.
 */
export const SinkMatch = z
  .object({
    /** A call of a global function path. */
    call: z.array(z.string().min(1)).optional(),
    /** `new` of a global constructor path. */
    new: z.array(z.string().min(1)).optional(),
    /** The receiver is an instance of this type (created by a rule with `creates`, or a `types` global). */
    on: z.string().min(1).optional(),
    /** Method names called on an `on` instance. */
    method: z.array(z.string().min(1)).optional(),
    /** The `on` instance itself is called (`axios(config)`, `api(config)`). */
    invoke: z.boolean().optional(),
    /** Property names assigned on an `on` instance (`img.src = url`). The assigned value is argument 0. */
    assign: z.array(z.string().min(1)).optional(),
    /** Only when argument 0 is one of these string literals (`document.createElement('img')`). */
    arg0: z.array(z.string()).optional(),
  })
  .strict()
  .refine((m) => [m.call, m.new, m.on].filter((x) => x !== undefined).length === 1, {
    message: 'a sink match needs exactly one of call, new, on',
  })
  .refine((m) => !m.on || [m.method, m.invoke, m.assign].filter((x) => x !== undefined).length === 1, {
    message: '`on` needs exactly one of method, invoke, assign',
  });
export type SinkMatch = z.infer<typeof SinkMatch>;

export const SinkRule = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
    /** FlowFact sink kind reported: fetch, xhr, axios, beacon, websocket, eventsource, socket.io, image, … */
    kind: z.string().min(1),
    match: SinkMatch,
    /** Where the URL is. Several refs: the first that is present wins (`axios(url)` vs `axios({url})`). */
    url: z.array(ArgRef).default([]),
    /** `instance`: the URL stored on the receiver instance (XHR `send` after `open`, `ws.send`). */
    urlFrom: z.enum(['args', 'instance']).default('args'),
    /** Values that travel with the request (body, headers, params, message payload). */
    payload: z.array(ArgRef).default([]),
    /** Base URL for relative request URLs: of the created instance (`axios.create({ baseURL })`), or of this request (`axios({ baseURL, url })`). */
    base: ArgRef.optional(),
    /** The call returns an instance of this type (XHR, WebSocket, socket.io socket, axios instance, Image). */
    creates: z.string().min(1).optional(),
    /** The call stores its URL (and payload taint) on the receiver without sending (XHR `open`, `setRequestHeader`). */
    stores: z.boolean().default(false),
    /** Whether the call transmits now. `new XMLHttpRequest()` and `xhr.open()` do not; `new WebSocket(url)` does. */
    transmits: z.boolean().default(true),
    /** A short verb phrase for the sink step: `sent by fetch`. */
    verb: z.string().min(1),
  })
  .strict();
export type SinkRule = z.infer<typeof SinkRule>;

/**
 * A network sink as the code model sees it (Hermes, DEX, Mach-O and JS model calls alike): the call that takes a URL.
 * `type` is the receiver's type in the format's own naming — a JVM internal class (`java/net/URL`), an ObjC class
 * (`NSURL`), a JS global constructor (`WebSocket`, `XMLHttpRequest`); absent for a global function (`fetch`).
 */
export const ModelSinkRule = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
    kind: z.string().min(1),
    type: z.string().min(1).optional(),
    /** Method, selector or function name (`openConnection`, `URLWithString:`, `fetch`); constructors: `<init>`. */
    method: z.string().min(1),
    /** A constructor call (`new WebSocket(url)`, `new-instance java/net/URL` + `<init>`). */
    construct: z.boolean().default(false),
    /** Position of the URL argument (receiver not counted); absent with `instanceOf`. */
    url: z.number().int().min(0).max(16).optional(),
    /**
     * A call on an object another sink constructed (`socket.emit(…)` on a `SocketIOClient(socketURL:)`): the URL is
     * that construction's, found by the field or variable the construction was stored in. Only the payload counts
     * here (an identifier in the URL is that construction's own flow).
     */
    instanceOf: z.string().min(1).optional(),
    /** The argument naming the message on the connection (a socket.io event): each event is its own finding. */
    event: z.number().int().min(0).max(16).optional(),
    /** Swift variadic parameters: the selector `emit:` also matches `emit::`, `emit:::` (one `:` per argument). */
    variadic: z.boolean().default(false),
    /**
     * Optional: the request happens only when the same function also calls this method on the same type
     * (`new URL(u)` is sent by `openConnection`).
     */
    then: z.string().min(1).optional(),
    /**
     * A receiver known only by its name (`httpClient` inside a GetConnect subclass): the call's receiver as written,
     * in a file that imports `imports`.
     */
    receiver: z.string().min(1).optional(),
    imports: z.string().min(1).optional(),
    /**
     * The URL argument is relative to a base the app configures elsewhere (Retrofit's `@GET("path")` against
     * `Retrofit.Builder().baseUrl(…)`): the argument `arg` of calls of `method` on `type`, in any file of the app.
     */
    base: z.object({ type: z.string().min(1), method: z.string().min(1), arg: z.number().int().min(0).max(16) }).strict().optional(),
    /** Arguments that carry the request body or query (`body:`, `data:`): named arguments are `{ arg, prop }`. */
    payload: z.array(z.object({ arg: z.number().int().min(0).max(16), prop: z.string().min(1).optional() }).strict()).default([]),
    verb: z.string().min(1),
    sources: z.array(z.string().min(1)).min(1),
  })
  .strict()
  .refine((r) => (r.url === undefined) !== (r.instanceOf === undefined), { message: 'a model sink has either `url` or `instanceOf`' });
export type ModelSinkRule = z.infer<typeof ModelSinkRule>;

export const SinkRules = z
  .object({
    /** Sinks of the format-neutral code model (scanner/checks/model-flows.ts). */
    modelSinks: z.array(ModelSinkRule).default([]),
    /** Import specifiers mapped to the global path they provide (`axios` → `axios`, `socket.io-client` → `io`). */
    modules: z.record(z.string(), z.string()).default({}),
    /** Global paths that are instances of a type (`axios` is an axios instance without a base URL). */
    types: z.record(z.string(), z.array(z.string())).default({}),
    sinks: z.array(SinkRule).default([]),
    /** Argument roles of vendor init/join APIs whose value the SDK transmits to the vendor (sink kind `rtc-sdk`). */
    rtcRoles: z.array(z.string()).default(['uid', 'channel']),
    /** API kinds (from vendor rules) whose role arguments are both sources and `rtc-sdk` sinks. */
    rtcKinds: z.array(z.enum(['init', 'join', 'encryption', 'region', 'other'])).default(['init', 'join']),
    /** Calls whose result still carries the identifier (encoding, conversion, hashing is NOT here). */
    propagators: z
      .object({
        /** Global function paths: `encodeURIComponent`, `String`, `JSON.stringify`. */
        functions: z.array(z.string()).default([]),
        /** Method names on any receiver: `toString`, `trim`, `concat`, `join`. Result = receiver + arguments. */
        methods: z.array(z.string()).default([]),
      })
      .strict()
      .default({ functions: [], methods: [] }),
  })
  .strict();
export type SinkRules = z.infer<typeof SinkRules>;

/** Parses and validates a sinks file; throws RuleError with a readable message. */
export function loadSinkRules(file: string): SinkRules {
  const rules = loadRuleFile(file, SinkRules);
  const ids = new Set<string>();
  for (const s of [...rules.sinks, ...rules.modelSinks]) {
    if (ids.has(s.id)) throw new RuleError(`invalid rule file ${file}: duplicate sink id ${s.id}`);
    ids.add(s.id);
  }
  return rules;
}
