// Schemas of the declarative rule files under rules/. Validated at load so a bad rule file fails with a clear message.
import { z } from 'zod';

/** Roles an API argument (or a property of an object argument) can play. */
export const ArgRole = z.enum([
  'appId', // vendor application identifier (Agora App ID, Tencent SDKAppID, ZEGO AppID)
  'appSecret', // signing secret that must never ship (Agora App Certificate, Tencent SDKSecretKey, ZEGO AppSign)
  'token', // session token / signature (null or "" means app-id-only auth)
  'channel', // channel / room name or id
  'uid', // user id or account
  'config', // an options object whose properties carry roles (see `props`)
  'area', // region / area / geofence setting
  'url', // server URL (LiveKit, Jitsi, Daily room URL)
  'key', // media encryption key or secret
  'mode', // encryption mode
  'other',
]);
export type ArgRole = z.infer<typeof ArgRole>;

export const Platform = z.enum(['js', 'ios', 'android', 'native', 'flutter']);
export type Platform = z.infer<typeof Platform>;

/**
 * A text that may differ per platform: one string for all, or one per platform (a finding about Android code must
 * not carry the Web fix). `native` serves iOS and Android where they have no text of their own.
 */
export const PlatformText = z.union([z.string().min(1), z.object({ js: z.string().min(1), ios: z.string().min(1), android: z.string().min(1), native: z.string().min(1), flutter: z.string().min(1) }).partial().strict()]);
export type PlatformText = z.infer<typeof PlatformText>;

const Source = z.string().min(1).describe('public source (URL, or npm package@version → file) of a signature');

/** One API the vendor exposes: init, join, encryption or region call. */
export const ApiRule = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'api ids are lowercase-kebab'),
    platform: Platform,
    kind: z.enum(['init', 'join', 'encryption', 'region', 'other']),
    /** JS: the method or function name as it survives minification (`createClient`, `join`). */
    method: z.string().optional(),
    /** JS: roots the call hangs off: globals (`AgoraRTC`) or npm packages (`agora-rtc-sdk-ng`), or `returns` types of other APIs (`type:client`). */
    receiver: z.array(z.string()).optional(),
    /**
     * JS: `method` is a React component of the vendor's React SDK, used as a JSX element (`<LiveKitRoom serverUrl
     * token connect>`); its attributes are read like the properties of an object argument (`props`), and the element
     * is a call of the API.
     */
    jsx: z.boolean().optional(),
    /**
     * JS: npm packages whose default export is this function (`import createAgoraRtcEngine from 'react-native-agora'`,
     * Babel's `_pkg.default()`): a default import of one of them is this API, not the package's namespace.
     */
    defaultExportOf: z.array(z.string()).optional(),
    /** JS: the object type this call returns, so later calls on it can be matched (`client`). */
    returns: z.string().optional(),
    /** JS: property names an object argument must have for a receiver-less (minified) match, e.g. [mode, codec]. */
    shape: z.array(z.string()).optional(),
    /** Android: class in JVM internal form (`io/agora/rtc2/RtcEngine`); iOS: ObjC class (`AgoraRtcEngineKit`). */
    class: z.string().optional(),
    /** iOS: full ObjC selector (`joinChannelByToken:channelId:uid:mediaOptions:joinSuccess:`). */
    selector: z.string().optional(),
    /** Role of each positional argument. */
    args: z.array(ArgRole).default([]),
    /**
     * Android: roles per overload, by JVM parameter descriptor (`(Ljava/lang/String;Ljava/lang/String;I…)`), where
     * overloads put a role at different positions (Agora `joinChannel(token, channel, uid, options)` and
     * `joinChannel(token, channel, info, uid)`); a call whose descriptor is not listed takes `args`.
     */
    overloads: z.record(z.string().regex(/^\([^()]*\)$/, 'overload keys are JVM parameter descriptors: (…)'), z.array(ArgRole)).optional(),
    /** Role of properties of object arguments (`{ appId: appId, areaCode: area }`). */
    props: z.record(z.string(), ArgRole).default({}),
    /**
     * Optional: positional argument index → literal the argument must equal for the call to be this API. For
     * generic setters such as Volcano `VERTC.setParameter("OVERSEA", true)` or TRTC
     * `trtc.startPlugin("CustomEncryption", …)`; a call whose argument is another (or unresolved) value is not this API.
     */
    argValues: z.record(z.string().regex(/^\d+$/, 'argValues keys are argument indexes'), z.string()).optional(),
    /**
     * Flutter: strings the plugin's own Dart implementation of this API holds (the method-channel method name, map
     * keys, the native API-type name) that a Dart AOT snapshot keeps only when app code calls the API: AOT
     * compilation drops code nothing reaches, with its literals and names. Alternatives (plugin versions); every
     * string of one must be in the same snapshot.
     */
    dartAot: z.array(z.array(z.string().min(4)).min(1)).optional(),
    sources: z.array(Source).min(1),
  })
  .strict()
  .refine((a) => a.platform !== 'js' || !!a.method, { message: 'js apis need `method`' })
  .refine((a) => !a.dartAot || a.platform === 'flutter', { message: '`dartAot` is for flutter apis' })
  .refine((a) => a.platform !== 'ios' || !!(a.selector || a.class), { message: 'ios apis need `selector` or `class`' })
  .refine((a) => a.platform !== 'android' || !!(a.class && a.method), { message: 'android apis need `class` and `method`' })
  .refine((a) => a.platform !== 'flutter' || !!(a.method && a.receiver?.length), { message: 'flutter apis need `method` and `receiver` (the pub packages)' });
export type ApiRule = z.infer<typeof ApiRule>;

/** A credential format (gitleaks-style: keywords prefilter, regex, allowlist). */
export const CredentialRule = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    description: z.string().min(1),
    /** `secret` must never ship; `token` is a bearer credential; `identifier` is public but scoped (Agora App ID). */
    kind: z.enum(['secret', 'token', 'identifier']),
    /** Lowercase keywords; the regex runs only on strings containing one (case-insensitive). Empty = always. */
    keywords: z.array(z.string()).default([]),
    /** JavaScript regex source. Capture group `group` (default 0) is the credential. */
    regex: z.string().min(1),
    group: z.number().int().min(0).default(0),
    /** Regexes; a candidate matching any is ignored (placeholders, examples). */
    allowlist: z.array(z.string()).default([]),
    /**
     * Optional: names of config keys that hold this credential, normalized (lowercase letters and digits only:
     * `LIVEKIT_API_SECRET`, `livekit.apiSecret` and `livekit: {api_secret}` are all `livekitapisecret`). A key/value
     * fact of any format (.env, properties, YAML/JSON paths, xcconfig, Info.plist, Android string resources, Gradle
     * BuildConfig fields) whose normalized key path contains one of them and whose value matches `configValue` is
     * this credential.
     */
    configKeys: z.array(z.string().regex(/^[a-z0-9]+$/, 'configKeys are normalized: lowercase letters and digits')).default([]),
    /** Regex the whole config value must match for a `configKeys` hit (anchored). Required with `configKeys`. */
    configValue: z.string().optional(),
    /**
     * A literal bound only to a generic role name (`appId`, `appID` in a file that uses the vendor) is not this
     * credential: the name must contain one of `configKeys` or name the vendor. For vendors whose other products
     * name their own ids the same way (Tencent Cloud's VOD player and MTA analytics take an `appID`).
     */
    namedOnly: z.boolean().default(false),
    /** Offline decoder able to read the grant out of the token (`agora-006`, `agora-007`, `tencent-usersig`, `jwt`). */
    decode: z.enum(['agora-006', 'agora-007', 'tencent-usersig', 'jwt']).optional(),
    sources: z.array(Source).min(1),
  })
  .strict()
  .refine((r) => !r.configKeys.length || !!r.configValue, { message: 'configKeys need configValue' });
export type CredentialRule = z.infer<typeof CredentialRule>;

/** Where the vendor's traffic may be routed, and how an app keeps it out of mainland China. */
export const ResidencyRule = z
  .object({
    /** Whether the SDK's default routing can reach mainland China. */
    defaultIncludesChina: z.boolean(),
    /** The setting that controls it (`AgoraRTC.setArea`, `RtcEngineConfig.mAreaCode`), per platform where they differ. */
    setting: PlatformText,
    /** API ids (from `apis`, kind `region`) that set it. */
    apis: z.array(z.string()).default([]),
    /** Values of the `area` role that include China, as strings (`CHINA`, `1`, `4294967295`). */
    chinaValues: z.array(z.string()).default([]),
    /** Values that exclude China. */
    excludeValues: z.array(z.string()).default([]),
    /**
     * Optional: property names of an object argument whose value lists areas to *exclude* (Agora Web
     * `setArea({ areaCode: 'GLOBAL', excludedArea: 'CHINA' })`). A China value under one of these props means China
     * is excluded, not included.
     */
    excludeProps: z.array(z.string()).default([]),
    /**
     * Optional: values of the call's `mode` argument that make the area list an inclusion or an exclusion list, as
     * strings (ZEGO `setGeoFence(type, areas)`: Include = 1, Exclude = 2). Modes named like "include"/"exclude"
     * (`ZegoGeoFenceType.ZegoGeoFenceTypeExclude`) are understood without this.
     */
    modeValues: z.object({ include: z.array(z.string()).default([]), exclude: z.array(z.string()).default([]) }).strict().optional(),
    /**
     * Optional: for vendors whose region follows from the App ID rather than a setting (Tencent TRTC SDKAppID), the
     * numeric range of `appId` values served by mainland-China back-ends. Bounds are inclusive.
     */
    chinaAppIdRange: z.object({ min: z.number().optional(), max: z.number().optional() }).strict().optional(),
    /** The fix to name in the finding, per platform where they differ. */
    fix: PlatformText,
    notes: z.string().optional(),
    sources: z.array(Source).min(1),
  })
  .strict();

/** Cross-platform frameworks whose wrapper packages bridge app code to a vendor's native SDK. */
export const WrapperPlatform = z.enum(['react-native', 'flutter', 'electron', 'cordova', 'capacitor', 'uni-app']);
export type WrapperPlatform = z.infer<typeof WrapperPlatform>;

/**
 * One cross-platform wrapper of a vendor's SDK (checks/sdk.ts, route `wrapper-*`), researched in the real package.
 * What survives compilation differs per platform: React Native keeps native/TurboModule names and the strings the
 * JS sends to native (Hermes string table); Flutter keeps `package:<name>/` URIs and method-channel names in the Dart
 * AOT snapshot (`libapp.so`), the plugin class in DEX / the ObjC runtime, and the registrant's
 * `Error registering plugin <name>, <class>`; Cordova, Capacitor and uni-app keep plugin ids and classes in their
 * generated plugin lists (`cordova_plugins.js`, `config.xml`, `capacitor.plugins.json`, `dcloud_uniplugins.json`).
 */
export const WrapperRule = z
  .object({
    platform: WrapperPlatform,
    /** npm name (react-native, electron, cordova, capacitor), pub.dev name (flutter), DCloud plugin id (uni-app). */
    package: z.string().min(3),
    /** Who publishes it. A community wrapper still bundles the vendor's native SDK. */
    maintainer: z.enum(['vendor', 'community']).default('vendor'),
    /**
     * Strings the wrapper's own code keeps after compilation, specific to it (never a generic method or event
     * name): a whole string (JS/Hermes literal, DEX string, CFString, config value) or, inside machine code and Dart
     * snapshots where strings are not delimited, a substring of a printable run.
     */
    markers: z.array(z.string().min(8)).default([]),
    /** Plugin / native-module classes: Java dotted (`io.agora.agora_rtc_ng.AgoraRtcNgPlugin`) or ObjC/Swift names. */
    classes: z.array(z.string().min(8)).default([]),
    /** package@version (or repository@commit) → files the markers and classes were read from. */
    sources: z.array(Source).min(1),
  })
  .strict();
export type WrapperRule = z.infer<typeof WrapperRule>;

/** A whole-file build signature (`sdk.js.builds` of a vendor, `builds` of a library): see VendorRule. */
const JsBuild = z
  .object({
    banner: z.string().optional(),
    umd: z.string().regex(/^[A-Za-z_$][\w$-]*$/).optional(),
    head: z.string().optional(),
    exports: z.array(z.string()).min(1).optional(),
    tail: z.string().optional(),
    sourceMap: z.string().optional(),
    chunkGlobal: z.string().regex(/^[A-Za-z_$][\w$]{5,}$/).optional(),
    literal: z.string().min(8).optional(),
    source: z.string(),
  })
  .strict()
  .refine((b) => b.banner || b.umd || b.head || b.exports || b.sourceMap || b.chunkGlobal, 'a build needs a banner, umd, head, exports, sourceMap or chunkGlobal condition')
  .refine((b) => !b.chunkGlobal || !(b.umd || b.head || b.exports || b.sourceMap), 'chunkGlobal says what the whole file is: no umd, head, exports or sourceMap with it')
  .refine((b) => !b.literal || b.umd || b.exports, 'literal narrows a umd or exports condition; it is no signature alone');

export const VendorRule = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'vendor ids are lowercase-kebab, e.g. tencent-trtc'),
    name: z.string().min(1),
    /**
     * Optional: other names the vendor's SDK goes by in app code (`opentok`, `tokbox` for Vonage; lowercase, at
     * least 4 letters). A source file or a binding named with one names the vendor (`OpenTokConfig.java`'s `API_KEY`).
     */
    aliases: z.array(z.string().regex(/^[a-z]{4,}$/, 'aliases are lowercase letters, at least 4')).default([]),
    /**
     * Optional: what the entry models. Absent or `company`: a vendor that operates the service. `protocol`: an open
     * protocol/stack (plain WebRTC) whose servers are whoever the app configures; by convention its
     * `jurisdiction.country` is `ZZ` (ISO 3166 user-assigned, CLDR "Unknown Region"). Jurisdiction and residency
     * checks (RTC303, RTC501, RTC502) must skip `protocol` entries; endpoint checks report their hosts as the app's own.
     */
    entity: z.enum(['company', 'protocol']).optional(),
    jurisdiction: z
      .object({
        /** ISO 3166-1 alpha-2 of the headquarters. */
        country: z.string().regex(/^[A-Z]{2}$/),
        headquarters: z.string(),
        /** e.g. `PRC` for vendors subject to PRC law. */
        regime: z.string().optional(),
        notes: z.string().optional(),
        sources: z.array(Source).min(1),
      })
      .strict(),
    endpoints: z
      .object({
        /** Registrable domains; a host equal to one or ending in `.domain` belongs to the vendor. */
        domains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/)).default([]),
        /** Host fragments from runtime-built templates (`.vss.twilio.com`, `-wss.daily.co`); matched inside strings. */
        fragments: z.array(z.string().min(4)).default([]),
        /** Known IP literals used by the vendor. */
        ips: z.array(z.string()).default([]),
        /**
         * The vendor's own resources on a cloud's shared domains, which name each resource after the account that
         * owns it in the first label (`<bucket>-<account>.cos.<region>.myqcloud.com`): a host under one of
         * `domains` whose first label ends in `-<account>` for one of `accounts` is the vendor's. The shared
         * domain itself stays unclaimed (other customers' resources live there too).
         */
        accountHosts: z
          .object({
            domains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/)).min(1),
            accounts: z.array(z.string().regex(/^[a-z0-9]+$/)).min(1),
          })
          .strict()
          .optional(),
        sources: z.array(Source).min(1),
      })
      .strict(),
    sdk: z
      .object({
        js: z
          .object({
            packages: z.array(z.string()).default([]),
            globals: z.array(z.string()).default([]),
            /**
             * React Native native module names the SDK's JS binds to (`NativeModules.TrtcReactNativeSdk`,
             * `TurboModuleRegistry.getEnforcing('AgoraRtcNg')`): as an identifier or literal they name the vendor.
             */
            nativeModules: z.array(z.string().min(6)).default([]),
            /** Strings only the SDK's own code contains (file names, internal constants). */
            markers: z.array(z.string().min(6)).default([]),
            /** Regexes with one capture group: the SDK version, found in the bundled SDK. */
            version: z.array(z.string()).default([]),
            /**
             * The vendor's own production builds, recognised as a whole file (scanner/formats/js/builds.ts): every
             * condition an entry gives must hold. `banner`: a regex over the file's leading comments (before any
             * code); `umd`: the global the file's wrapper assigns in its head (`….AgoraRTC=t()`); `exports`: names
             * the file's export list (a final ESM `export{…}`, esbuild's CommonJS export table) must all contain;
             * `tail`: a regex over the file's last 4 KiB (with `exports`, for builds that export only a default);
             * `head`: a regex over the wrapper's head, the code before its factory body (a UMD shim that assigns no
             * global but loads the build's own externals: `define(["long","zego-express-logger"],i)`); `sourceMap`: a
             * regex over the URL of the source map the file's last line names, on a host only the vendor's build
             * pipeline writes (the whole file is then the vendor's, as with `exports`). A `head` anchored at the code's
             * start (`^…`) with a `tail` anchored at the file's end (`…$`) makes the whole file the vendor's without
             * a wrapper (an Emscripten glue script ending with its worklet). `umd`/`head` are also read before a
             * factory nested in an outer wrapper, when that wrapper ends right after it (an unminified debug build).
             * `chunkGlobal`: the chunk-loading global of the vendor's own webpack compilation (`output.chunkLoadingGlobal`,
             * by default `webpackChunk` + its project's package name): a file whose top-level statements are that
             * compilation's runtime and chunks pushing themselves on it (`(self.G=self.G||[]).push([[ids],{…}])`), as
             * an Angular build concatenates runtime, polyfills and main (webpack-chunks.ts); code between or around
             * them is not the vendor's. `literal`: a text the build's own code holds (inside its wrapper, or anywhere
             * in an export-list build), only beside `umd` or `exports` — for a build whose global or export list names
             * no vendor (the Zoom UI toolkit's Vite builds: `UIToolkit`, `export{… as default}`).
             */
            builds: z.array(JsBuild).default([]),
            /**
             * The vendor's own ES-module packages beside its SDK (React components) that a bundler hoists as top-level
             * statements: read like a library's markers (rules/libraries), so the statements between two of them are
             * that package's — and, the package being one of `packages`, the vendor's — bounded by the package's own
             * markers (vendors.ts fillLibraryGaps). SDK `markers` would instead join every statement between the
             * package and the SDK, app modules a bundler emits between the two included.
             */
            hoisted: z
              .array(
                z
                  .object({
                    package: z.string().min(1),
                    markers: z.array(z.string().min(12)).min(2),
                    sources: z.array(Source).min(1),
                  })
                  .strict(),
              )
              .default([]),
            /**
             * Compiled wrapper packages (React Native, Flutter, Cordova… bridges compiled to Hermes bytecode or
             * minified): strings that survive compilation — native / TurboModule names, the API-type strings the
             * wrapper sends to native, event names — each a whole string literal of the package's own code. They
             * detect the SDK and map a compiled module (Metro keeps no paths in release builds) to its package.
             * `members`: property names the package's modules read that minifiers keep and no app module needs
             * (`NativeModules.TrtcReactNativeSdk`, a re-export barrel's `exports.ZegoSurfaceView`, an internal class
             * import `_impl.ZegoExpressEngineImpl`): a `.name` access or a whole literal in JS, any string operand in
             * Hermes. They only map modules to the package (no detection on their own).
             */
            compiled: z
              .array(
                z
                  .object({
                    package: z.string().min(1),
                    markers: z.array(z.string().min(6)).default([]),
                    members: z.array(z.string().regex(/^[A-Za-z_$][\w$]{5,}$/)).default([]),
                    sources: z.array(Source).min(1),
                  })
                  .strict()
                  .refine((c) => c.markers.length + c.members.length > 0, 'a compiled package needs markers or members'),
              )
              .default([]),
          })
          .strict()
          .optional(),
        ios: z
          .object({
            frameworks: z.array(z.string()).default([]),
            classes: z.array(z.string()).default([]),
            bundleIds: z.array(z.string()).default([]),
            pods: z.array(z.string()).default([]),
            /** Swift packages by repository, `owner/repo` in lower case (Package.resolved pins). */
            swiftPackages: z.array(z.string()).default([]),
          })
          .strict()
          .optional(),
        android: z
          .object({
            /** Java packages, dotted (`io.agora.rtc2`). */
            packages: z.array(z.string()).default([]),
            nativeLibs: z.array(z.string()).default([]),
            maven: z.array(z.string()).default([]),
            /** Manifest component class names (services, activities) the SDK declares. */
            components: z.array(z.string()).default([]),
          })
          .strict()
          .optional(),
        /**
         * Desktop and Node builds (Electron addons, `.node` FFI modules, dylibs) named by what they contain, so a
         * vendor binary is recognised with no JS beside it.
         */
        native: z
          .object({
            /** File names (globs) of the vendor's addons and libraries: `agora_node_ext.node`, `librtmsdk.so*`. */
            files: z.array(z.string()).default([]),
            /** Exported symbol names only the vendor's binary defines (`livekit_ffi_request`); a leading `_` is ignored. */
            symbols: z.array(z.string().min(8)).default([]),
            /** Substrings of the binary's strings only the vendor's code contains: Rust crate source paths, install names. */
            markers: z.array(z.string().min(12)).default([]),
            /** Regexes with one capture group: the SDK version in the binary's strings. */
            version: z.array(z.string()).default([]),
          })
          .strict()
          .optional(),
        /** Cross-platform wrapper packages (React Native, Flutter, Electron, Cordova, Capacitor, uni-app). */
        wrappers: z.array(WrapperRule).default([]),
        sources: z.array(Source).min(1),
      })
      .strict(),
    apis: z.array(ApiRule).default([]),
    credentials: z.array(CredentialRule).default([]),
    residency: ResidencyRule.optional(),
    notes: z.string().optional(),
  })
  .strict();
export type VendorRule = z.infer<typeof VendorRule>;

export const Category = z.enum([
  'rtc-sdk',
  'endpoint',
  'internal-endpoint',
  'cleartext-id',
  'no-media-encryption',
  'credential',
  'platform-policy',
  'data-residency',
  'jurisdiction',
  'privacy-manifest',
]);
export type Category = z.infer<typeof Category>;

/** Metadata of one reported rule (one SARIF reportingDescriptor). The engine's checks emit results under these ids. */
export const CheckRule = z
  .object({
    id: z.string().regex(/^RTC\d{3}$/, 'check rule ids look like RTC101'),
    /** PascalCase name, as SARIF and GitHub show it. */
    name: z.string().regex(/^[A-Z][A-Za-z0-9]+$/),
    category: Category,
    level: z.enum(['error', 'warning', 'note']),
    shortDescription: z.string().min(1).max(1024),
    fullDescription: z.string().min(1).max(1024),
    /** Markdown help: the risk and the fix. The plain-text help is derived from it. */
    help: z.string().min(1),
    tags: z.array(z.string()).max(10).default([]),
    precision: z.enum(['very-high', 'high', 'medium', 'low']),
    /** GitHub security-severity, 0.1–10. */
    securitySeverity: z.number().min(0.1).max(10),
    /**
     * Optional: what to do with a result of this rule found in a vendor's own code (its JS build, an SDK module of
     * an app bundle, its iOS framework, native library or Java packages). `report` (default): one result each.
     * `group`: it joins that vendor's one RTC201 result per artifact, which lists every such host — the SDK's own
     * endpoints are one fact about the SDK, not hundreds of findings about the app. Errors and warnings stay `report`.
     */
    inVendorCode: z.enum(['report', 'group']).default('report'),
  })
  .strict()
  .refine((r) => r.inVendorCode === 'report' || r.level === 'note', { message: 'only note-level rules may group results found in vendor code (errors and warnings are always reported one by one)' });
export type CheckRule = z.infer<typeof CheckRule>;

/**
 * A common non-RTC library (rules/libraries/<id>.yaml): strings only its code contains tell its top-level
 * statements apart from app code in scope-hoisted bundles, where no module path or source map names the package.
 * Markers must never be inlined into app code (no Babel/TypeScript helper messages).
 */
export const LibraryRule = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'library ids are lowercase-kebab'),
    package: z.string().regex(/^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/, 'an npm package name'),
    description: z.string().min(1),
    markers: z.array(z.string().min(12)).min(1),
    /** Where the markers were read: `package@version path` of the real npm packages. */
    sources: z.array(z.string().min(1)).optional(),
    /**
     * The library's own production files as its package ships them (same conditions as a vendor's `sdk.js.builds`):
     * a well-known library an RTC package carries beside its SDK (TensorFlow.js in Zoom's virtual background). Such
     * a file is read for its strings and named as the library, never parsed: its code is no app's.
     */
    builds: z.array(JsBuild).default([]),
    /**
     * Whole literals the library's own code holds (its default hosts and script URLs), read from its npm files: in
     * an artifact that carries the library (its markers are found), a literal of exactly this value outside vendor
     * code is the library's, wherever the markers' statements end (a package's constants module lies before its
     * first marker, its registration after its last).
     */
    literals: z.array(z.string().min(8)).default([]),
  })
  .strict();
export type LibraryRule = z.infer<typeof LibraryRule>;

/**
 * A policy preset (rules/policies/): a named set of jurisdictions. `deny` flags vendors headquartered in one of
 * `countries`; `allow` flags vendors headquartered anywhere else (protocols without a country never match).
 */
export const PolicyPreset = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'preset ids are lowercase-kebab'),
    name: z.string().min(1),
    mode: z.enum(['deny', 'allow']),
    countries: z.array(z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 codes')).min(1),
    sources: z.array(z.string().min(1)).min(1),
  })
  .strict();
export type PolicyPreset = z.infer<typeof PolicyPreset>;
