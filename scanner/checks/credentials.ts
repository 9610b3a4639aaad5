// RTC401 HardcodedAppId, RTC402 HardcodedVendorSecret, RTC403 EmbeddedAccessToken, RTC404 JoinWithoutToken.
// Vendor credential rules run gitleaks-style (keyword prefilter, regex, capture group, allowlist) over string
// facts — never comments — and literal appId/appSecret/token arguments of app calls are checked directly.
import { libraryPackageOfFacts } from '../core/paths.js';
import { anyOf } from '../core/regex.js';
import type { Facts, Position } from '../core/facts.js';
import type { Check, CheckContext, Finding, Location } from '../core/finding.js';
import type { RulePack } from '../rules/pack.js';
import type { CredentialRule, VendorRule } from '../rules/schema.js';
import { decodeToken, describeGrant, isExpired, type DecodeResult } from './tokens/index.js';
import { normalizeKeyword, type KeywordAutomaton } from '../core/keywords.js';
import { HAS_CREDENTIAL_KEYWORD, HAS_SCHEME_SEP, HAS_SITE, IS_SCANNED, MAX_SCAN_CHARS, SCANNED_KINDS, sharedAutomaton, stringScan } from './string-scan.js';
import type { LiteralReads } from './string-reads.js';
import { ConstantCredentials } from './credential-constants.js';
import { appApiUses, commentedApiUses, locationOf, maskSecret, secretHash, renderArgs, useIdentity } from './vendor-calls.js';

// String kinds that can hold a credential (SCANNED_KINDS): names of classes, methods, types and symbols cannot;
// comments are prose. Regexes see at most MAX_SCAN_CHARS of one string (bundles carry megabyte-long data: URIs).

const RULE_FOR_KIND: Record<CredentialRule['kind'], string> = { identifier: 'RTC401', secret: 'RTC402', token: 'RTC403' };
const KIND_LABEL: Record<CredentialRule['kind'], string> = { identifier: 'identifier', secret: 'secret', token: 'session token' };

interface CompiledRule {
  vendor: VendorRule;
  rule: CredentialRule;
  keywords: string[];
  re: RegExp;
  allow: RegExp[];
}

/**
 * The rules' keywords, found by the checks' shared automaton (string-scan.ts: the credential keywords are one of its
 * needle groups): one pass over a value says which rules can match it.
 */
interface KeywordIndex {
  automaton: KeywordAutomaton;
  /** Keyword id (in the shared automaton) → indices of the rules that list it; the other groups' needles list none. */
  rulesOf: number[][];
  /** Rules without keywords (always run). */
  always: number[];
}

const compiledCache = new WeakMap<RulePack, CompiledRule[]>();
const keywordCache = new WeakMap<CompiledRule[], KeywordIndex>();

function keywordIndex(rules: CompiledRule[], pack: RulePack): KeywordIndex {
  let k = keywordCache.get(rules);
  if (!k) {
    const { automaton } = sharedAutomaton(pack);
    const rulesOf: number[][] = automaton.words.map(() => []);
    const ids = new Map(automaton.words.map((w, i) => [w, i]));
    const always: number[] = [];
    rules.forEach((r, i) => {
      if (!r.keywords.length) always.push(i);
      for (const w of r.keywords) {
        const id = ids.get(normalizeKeyword(w));
        if (id !== undefined && !rulesOf[id]!.includes(i)) rulesOf[id]!.push(i);
      }
    });
    keywordCache.set(rules, (k = { automaton, rulesOf, always }));
  }
  return k;
}

function compiled(pack: RulePack): CompiledRule[] {
  let c = compiledCache.get(pack);
  if (!c) {
    c = pack.vendors.flatMap((vendor) =>
      vendor.credentials.map((rule) => ({
        vendor,
        rule,
        keywords: rule.keywords.map((k) => k.toLowerCase()),
        re: new RegExp(rule.regex, 'g'),
        allow: rule.allowlist.map((a) => new RegExp(a)),
      })),
    );
    compiledCache.set(pack, c);
  }
  return c;
}

interface ConfigKeyRule extends CompiledRule {
  configKeys: string[];
  configValue?: RegExp;
}
const configKeyCache = new WeakMap<CompiledRule[], { rules: ConfigKeyRule[]; gate?: RegExp }>();

function configKeyRules(rules: CompiledRule[]): { rules: ConfigKeyRule[]; gate?: RegExp } {
  let c = configKeyCache.get(rules);
  if (!c) {
    const keyed = rules
      .filter((r) => r.rule.configKeys.length && r.rule.configValue)
      .map((r) => ({ ...r, configKeys: r.rule.configKeys, configValue: new RegExp(`^(?:${r.rule.configValue})$`) }));
    // Some rule's config key occurs in the normalised key (the `includes` each rule then makes).
    c = { rules: keyed, gate: anyOf(keyed.flatMap((r) => r.configKeys)) };
    configKeyCache.set(rules, c);
  }
  return c;
}

/** `NEXT_PUBLIC_LIVEKIT_API_KEY`, `livekit/apiKey`, `Agora:AppId` → `nextpubliclivekitapikey`, `livekitapikey`, `agoraappid`. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Elements that carry their key in an attribute (`<string name="agora_app_id">…</string>`, `<add key="X" value="…"/>`):
 * element instance (the facts' shared `context`) → that name, so the element's text or `value` reads as `name = text`.
 */
function elementNames(facts: Facts): Map<string, string> {
  const out = new Map<string, string>();
  if (facts.format !== 'xml' && facts.format !== 'axml') return out;
  for (const cf of facts.config) {
    if (!cf.context || typeof cf.value !== 'string') continue;
    if (/\/@(?:android:)?(?:name|key)$/.test(cf.key)) out.set(cf.context, cf.value);
  }
  return out;
}

/**
 * Placeholders nobody ships on purpose: one repeated character (as `/^(.)\1*$/`: a line terminator is not one).
 * A loop that stops at the first other character: it runs on every literal of every script and text file.
 */
function isPlaceholder(v: string): boolean {
  if (v.length < 4) return true;
  const c = v.charCodeAt(0);
  if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return false;
  for (let i = 1; i < v.length; i++) if (v.charCodeAt(i) !== c) return false;
  return true;
}

/**
 * Candidates of one rule in one value (its keywords were found by the caller); `context` (snippet, config key)
 * may supply the regex context.
 */
/** The token a comment consists of (`// 007eJx…`, `# token: eyJ…`, `/* … *\/`), or undefined for any other comment. */
function soleTokenOfComment(text: string): string | undefined {
  const body = text
    .trim()
    .replace(/^(?:\/\/+|\/\*+|\*+|#+|<!--|--)\s*/, '')
    .replace(/\s*(?:\*+\/|-->)$/, '')
    .trim();
  return /^(?:[\w.-]{1,40}\s*[:=]\s*)?["'`]?([A-Za-z0-9+/=_.-]{24,4000})["'`]?[;,]?$/.exec(body)?.[1];
}

function matchRule(c: CompiledRule, value: string, context: string): string[] {
  const text = value.length > MAX_SCAN_CHARS ? value.slice(0, MAX_SCAN_CHARS) : value;
  const out = new Set<string>();
  const grab = (src: string, mustBeIn?: string) => {
    c.re.lastIndex = 0;
    for (const m of src.matchAll(c.re)) {
      const cand = m[c.rule.group];
      if (!cand || isPlaceholder(cand) || (mustBeIn !== undefined && !mustBeIn.includes(cand))) continue;
      if (c.allow.some((a) => a.test(cand))) continue;
      if (inBase64Payload(src, m.index ?? 0)) continue;
      out.add(cand);
      if (out.size >= 20) break;
    }
  };
  grab(text);
  // gitleaks-style regexes include the assignment (`AGORA_APP_ID = "…"`); the literal alone lacks it, so
  // retry on the surrounding text but keep only candidates inside this string (not a neighbour or comment).
  if (!out.size && context) grab(context.slice(0, MAX_SCAN_CHARS), text);
  return [...out];
}

/**
 * Whether `index` lies inside the base64 payload of a `data:` URI (`url(data:font/ttf;base64,AAEAAAAK…)` in a
 * stylesheet): a font's or image's bytes, where a token's shape (`04AAAAA…`) occurs by chance.
 */
export function inBase64Payload(src: string, index: number): boolean {
  const k = src.lastIndexOf(';base64,', index);
  return k >= 0 && /^[A-Za-z0-9+/=]*$/.test(src.slice(k + 8, index));
}

function decodeFor(rule: CredentialRule | undefined, value: string): DecodeResult | undefined {
  if (rule?.decode) return decodeToken(value, rule.decode);
  return decodeToken(value);
}

/**
 * The literals this check reads (checks/string-reads.ts): a credential rule's keyword in the value, a binding or
 * snippet (a role name, a key pattern's context), `://` (the vendors a file's URLs name); every literal when a rule
 * has no keyword (it runs on every string).
 */
export function credentialsLiteralReads(pack: RulePack): LiteralReads {
  if (compiled(pack).some((r) => !r.keywords.length)) return { flags: 0, value: () => true };
  return { flags: HAS_CREDENTIAL_KEYWORD | HAS_SITE | HAS_SCHEME_SEP };
}

export const credentialsCheck: Check = {
  id: 'credentials',
  reports: ['RTC401', 'RTC402', 'RTC403', 'RTC404'],
  literalReads: 'credentials',
  create(ctx: CheckContext) {
    // Credentials passed by the name of a constant another file declares; what every artifact reported, so the
    // constant's own file does not report a value twice.
    const constants = new ConstantCredentials();
    const reportedIn = new Set<string>();
    // 2e. A role-named literal in a file that names no vendor (`const APP_ID = '…'` in settings.dart) is still the
    //     vendor's when app code elsewhere in the scan passes that name as the credential argument of the vendor's
    //     API (`RtcEngine.create(APP_ID)`): the app says what the constant is. Concluded in end(), over every artifact.
    const argumentNames = new Map<string, Set<VendorRule>>();
    const unplaced: Array<{ kind: CredentialRule['kind']; name: string; value: string; location: Finding['location'] }> = [];
    return {
      end() {
        const byKey = unplaced.length && argumentNames.size ? configKeyRules(compiled(ctx.rules)) : undefined;
        const seen = new Set<string>();
        for (const u of byKey ? unplaced : []) {
          const vendors = argumentNames.get(`${u.kind}|${u.name}`);
          if (!vendors) continue;
          for (const c of byKey!.rules) {
            if (c.rule.kind !== u.kind || !vendors.has(c.vendor) || !c.configValue?.test(u.value) || c.allow.some((a) => a.test(u.value))) continue;
            const f = credentialFindingAt(c.vendor, u.kind, u.value, u.location, `${u.name}, passed to ${c.vendor.name}'s API as its ${u.kind === 'identifier' ? 'App ID' : u.kind}`, c.rule, ctx.showSecrets);
            if (!seen.has(f.identity + JSON.stringify(f.location))) ctx.report(f);
            seen.add(f.identity + JSON.stringify(f.location));
            reportedIn.add(`${u.location?.artifact}|${String(c.vendor.id)}|${secretHash(u.value)}`);
            break;
          }
        }
        // 2f. Any constant passed by a qualified name as a credential argument (credential-constants.ts).
        for (const c of constants.resolve()) {
          const key = `${c.artifact}|${String(c.vendor.id)}|${secretHash(c.value)}`;
          if (reportedIn.has(key) || seen.has(key)) continue;
          seen.add(key);
          const at = c.use.location;
          const where = `${c.role} argument of ${c.callee} at ${at.artifact}${at.line ? `:${at.line}` : ''}`;
          ctx.report(credentialFindingAt(c.vendor, c.kind, c.value, { artifact: c.artifact, line: c.line }, where, c.rule, ctx.showSecrets));
        }
      },
      artifact(facts: Facts) {
        // A dependency's own literals (its tests, samples, examples under node_modules/) are not the app's secrets.
        // So are those of a common library's own build committed with the app (rules/libraries `builds`).
        if (libraryPackageOfFacts(facts) !== undefined || facts.meta.libraryBuild !== undefined) return;
        constants.addConstants(facts);
        const rules = compiled(ctx.rules);
        const reported = new Set<string>();
        const credentialVendors = new Set<string>();
        const emit = (f: Finding) => {
          // One credential, one result: the same value found by two rules of a vendor (its string pattern and its
          // config key) or twice in the artifact is reported once.
          const fp = f.properties.fingerprint ? `${String(f.properties.vendor)}|${String(f.properties.fingerprint)}` : undefined;
          const same = fp ? `${f.ruleId}|${fp}` : f.ruleId + f.identity;
          // A value already reported as a secret or token is not also an identifier (an App Certificate has an App ID's shape).
          if (reported.has(same) || (fp && f.ruleId === 'RTC401' && reported.has(`strong|${fp}`))) return;
          reported.add(same);
          if (fp && f.ruleId !== 'RTC401') reported.add(`strong|${fp}`);
          if (fp && f.ruleId !== 'RTC404') credentialVendors.add(String(f.properties.vendor));
          if (fp) reportedIn.add(`${facts.artifact}|${fp}`);
          ctx.report(f);
        };

        /**
         * Reports a credential; a token that names its App ID (Agora 006/007 carry it in clear) also reports that App
         * ID as its own RTC401, deduplicated with the App ID found anywhere else in the artifact (hex App IDs are matched
         * case-insensitively: test tokens are often built from an upper-cased ID).
         */
        const emitCredential = (vendor: VendorRule, kind: CredentialRule['kind'], value: string, position: Position, where: string, rule?: CredentialRule) => {
          emit(credentialFinding(vendor, kind, value, position, where, rule));
          if (kind !== 'token') return;
          const d = decodeFor(rule, value);
          const appId = d?.ok ? d.token.appId : undefined;
          if (!appId) return;
          const idRule = vendor.credentials.find((r) => r.kind === 'identifier' && new RegExp(`^(?:${r.regex})$`).test(appId.toLowerCase()));
          if (idRule) emit(credentialFinding(vendor, 'identifier', appId, position, `inside the token ${maskSecret(value, ctx.showSecrets)}, ${where}`, idRule));
        };

        const credentialFinding = (vendor: VendorRule, kind: CredentialRule['kind'], value: string, position: Position, where: string, rule?: CredentialRule): Finding =>
          credentialFindingAt(vendor, kind, value, locationOf(facts, position), where, rule, ctx.showSecrets);

        // 1. Literal credentials passed to vendor APIs by app code; the call gives certainty about the role.
        const uses = appApiUses(facts, ctx.rules);
        for (const use of uses) {
          for (const [role, kind] of [['appId', 'identifier'], ['appSecret', 'secret'], ['token', 'token']] as const) {
            const v = use.args[role];
            // `APP_ID`, `Keys.AppID`: the name of the constant passed (2e).
            const name = v?.kind === 'unknown' ? /(?:^|\.)([A-Za-z_$][\w$]*)$/.exec(v.text)?.[1] : undefined;
            if (!name || !/^[\w$.]+$/.test(v!.kind === 'unknown' ? v!.text : '')) continue;
            const key = `${kind}|${name}`;
            const set = argumentNames.get(key) ?? new Set<VendorRule>();
            set.add(use.vendor);
            argumentNames.set(key, set);
          }
          if (!use.resolved) continue;
          for (const [role, kind] of [['appId', 'identifier'], ['appSecret', 'secret'], ['token', 'token']] as const) {
            const v = use.args[role];
            if (!v) continue;
            // 0 (like '') is the placeholder of an App ID not configured yet (`int appId = 0;`), not an App ID.
            const literal = v.kind === 'string' && v.value !== '' ? v.value : v.kind === 'number' && role === 'appId' && v.value !== 0 ? String(v.value) : undefined;
            if (literal === undefined) {
              constants.addArgument(use, role, kind);
              continue;
            }
            // A token literal is reported only when it has a token's shape (a vendor token rule matches, or it decodes
            // offline); `'token-from-server'` and other placeholders are not credentials.
            if (role === 'token' && !use.vendor.credentials.some((r) => r.kind === 'token' && new RegExp(r.regex).test(literal)) && !decodeToken(literal)?.ok) continue;
            // The rule whose pattern fits the literal; for ids and secrets the role alone is certain enough to fall
            // back to the vendor's rule of that kind (its regex may demand a `key =` prefix the literal lacks).
            const rule =
              use.vendor.credentials.find((r) => r.kind === kind && new RegExp(r.regex).test(literal)) ??
              (kind === 'token' ? undefined : use.vendor.credentials.find((r) => r.kind === kind));
            emitCredential(use.vendor, kind, literal, use.location, `${role} argument of ${use.callee}`, rule);
          }
          // 4. A join with a null/undefined/empty token: the project accepts App-ID-only joins.
          const token = use.args.token;
          if (use.kind === 'join' && token && (token.kind === 'null' || token.kind === 'undefined' || (token.kind === 'string' && token.value === ''))) {
            const shownToken = token.kind === 'string' ? '""' : token.kind;
            emit({
              ruleId: 'RTC404',
              message: `${use.vendor.name} ${use.callee}(${renderArgs(use.args, ctx.showSecrets)}) joins with token ${shownToken}: the project must accept joins without a token (App ID only), so anyone who extracts the App ID from the app can join its channels.`,
              location: use.location,
              properties: { category: 'credential', vendor: use.vendor.id, api: use.apiId },
              identity: useIdentity(use, 'no-token'),
            });
          }
        }

        // 2. Credential rules over string facts (comments excluded) and config values.
        if (!rules.length) return;
        const keywords = keywordIndex(rules, ctx.rules);
        const found = new Set<number>();
        const selected = new Uint8Array(rules.length);
        // Compiled code has no variable names; a string loaded in the same method that calls a vendor API taking
        // credentials gets that vendor as keyword context (the App ID literal next to RtcEngine.create).
        const methodContext = new Map<string, string>();
        for (const use of uses) {
          if ((use.route !== 'dex-call' && use.route !== 'hermes-call') || !use.caller || !use.api) continue;
          if (!use.api.args.some((r) => r === 'appId' || r === 'token' || r === 'appSecret')) continue;
          methodContext.set(use.caller, `${methodContext.get(use.caller) ?? ''} ${use.vendor.id} ${use.vendor.name} ${use.api.args.join(' ')}`);
        }
        /**
         * Runs every rule over one value; a value matched as a secret or token is not also reported as an identifier.
         * `valueIds`: the keywords of the value (the shared pass found them), or undefined when the context holds the
         * whole value verbatim (then it shows every keyword the value has).
         */
        // `where`: the finding's location text, or a function of the rule for texts that name its vendor (a function
        // per string would be a closure per string: ~600,000 on the benchmark IPA for a handful of findings).
        const scan = (value: string, context: string, position: Position, where: string | ((c: CompiledRule) => string), valueIds: readonly number[] | undefined) => {
          // gitleaks-style keyword prefilter, for all rules in one pass (ASCII case folded, `_`/`-` ignored).
          if (found.size) found.clear();
          if (valueIds) for (const id of valueIds) found.add(id);
          if (context) keywords.automaton.collect(context, found);
          let any = keywords.always.length > 0;
          if (!found.size && !any) return;
          selected.fill(0);
          for (const i of keywords.always) selected[i] = 1;
          for (const id of found) {
            for (const i of keywords.rulesOf[id]!) {
              selected[i] = 1;
              any = true;
            }
          }
          // Needles of the other checks' groups select no rule.
          if (!any) return;
          const hits: Array<{ c: CompiledRule; cand: string }> = [];
          rules.forEach((c, i) => {
            if (selected[i]) for (const cand of matchRule(c, value, context)) hits.push({ c, cand });
          });
          const stronger = new Set(hits.filter((h) => h.c.rule.kind !== 'identifier').map((h) => h.cand));
          for (const { c, cand } of hits) {
            if (c.rule.kind === 'identifier' && stronger.has(cand)) continue;
            emitCredential(c.vendor, c.rule.kind, cand, position, typeof where === 'string' ? where : where(c), c.rule);
          }
        };
        // 2a. Config keys that name a vendor credential (`LIVEKIT_API_KEY`, `agora.appCertificate`, strings.xml
        //     `<string name="zego_app_sign">`): the key gives the role, the value's shape confirms it. They run
        //     before the string patterns so a value found both ways is reported with its key.
        const byKey = configKeyRules(rules);
        const names = elementNames(facts);
        for (const cf of facts.config) {
          if (typeof cf.value !== 'string' && typeof cf.value !== 'number') continue;
          const value = String(cf.value).trim();
          const key = (names.size ? names.get(cf.context ?? '') : undefined) ?? cf.key;
          if (byKey.rules.length && value.length >= 4) {
            const norm = normalizeKey(key);
            // One search for every rule's config keys; most keys name none.
            if (byKey.gate?.test(norm)) for (const c of byKey.rules) {
              if (!c.configKeys.some((k) => norm.includes(k)) || !c.configValue!.test(value) || isPlaceholder(value)) continue;
              if (c.allow.some((a) => a.test(value))) continue;
              emit(credentialFinding(c.vendor, c.rule.kind, value, cf, `config ${key}`, c.rule));
            }
          }
          const keyName = key.slice(key.lastIndexOf('/') + 1);
          scan(value, `${keyName} = "${value}"`, cf, `config ${key}`, undefined);
        }
        // 2b. Source code names its credentials by role, not always by vendor: `const APP_ID = "…"` in a file
        //     that imports agora-rtc-sdk-ng, `secret: '…'` next to OT.initSession, `SERVER_SECRET` in zegoConfig.js.
        //     A literal assigned to a role name gets the rules of that role of the vendors the file uses; the
        //     value's shape (the rule's configValue) must confirm it, as for config keys.
        //     A name that itself names the vendor (`AgoraAppId`, `ZEGO_APP_SIGN`) is that vendor's, in any file.
        const fileVendors = vendorsOfFile(facts, uses, ctx.rules);
        const otherArgs = facts.format === 'text' ? argumentsOfOtherCalls(facts, uses, ctx.rules) : new Set<string>();
        const byRole = (vendors: readonly VendorRule[], why: (v: VendorRule) => string) => {
          if (!byKey.rules.length || (facts.format !== 'js' && facts.format !== 'text')) return;
          const { flags } = stringScan(facts, ctx.rules);
          const strings = facts.strings;
          for (let i = 0; i < strings.length; i++) {
            // A role comes from a binding or a snippet (HAS_SITE): most strings have neither.
            if (!(flags[i]! & HAS_SITE)) continue;
            const s = strings[i]!;
            if (s.kind !== 'literal' || s.value.length < 6 || s.value.length > 4096 || isPlaceholder(s.value)) continue;
            const role = s.binding ? roleOfName(s.binding) : s.snippet ? roleOfAssignment(s.snippet, s.value) : undefined;
            if (!role) continue;
            // A literal passed to another SDK's call (`BCFeedbackKit.init(appKey:appSecret:)` beside Agora calls) is
            // that call's parameter: the name it is bound to is the other SDK's. (Looked up after the role: most
            // literals have none, and the key is a new string per literal.)
            if (otherArgs.size && otherArgs.has(`${s.line}|${s.value}`)) continue;
            // `tencent.trtc.appid`: the keys the value is nested in may name the vendor where the last does not.
            const named = vendorsNamedIn(s.bindingPath ?? role.name, ctx.rules);
            if (!vendors.length && !named.length) {
              if (s.binding && noVendorFile && unplaced.length < MAX_UNPLACED) unplaced.push({ kind: role.kind, name: s.binding, value: s.value, location: locationOf(facts, s) });
              continue;
            }
            for (const c of byKey.rules) {
              const byName = named.includes(c.vendor);
              if (c.rule.kind !== role.kind || !(byName || vendors.includes(c.vendor)) || !c.configValue?.test(s.value) || c.allow.some((a) => a.test(s.value))) continue;
              if (c.rule.namedOnly && !byName && !c.configKeys.some((k) => normalizeKey(s.binding ?? role.name).includes(k))) continue;
              emitCredential(c.vendor, c.rule.kind, s.value, s, byName ? `${role.name}, named after ${c.vendor.name}` : `${role.name} ${why(c.vendor)}`, c.rule);
              break;
            }
          }
        };
        const noVendorFile = !fileVendors.length;
        byRole(fileVendors, (v) => `in a file that uses ${v.name}`);
        // 2c. Comments are prose, except a comment that is nothing but a vendor token that decodes offline
        //     (`// 007eJx…` left above main()): a pasted credential, checked by its structure, not by its shape alone.
        for (const s of facts.strings) {
          if (s.kind !== 'comment' || s.value.length > 4096) continue;
          const token = soleTokenOfComment(s.value);
          if (!token) continue;
          for (const c of rules) {
            if (c.rule.kind !== 'token' || !c.rule.decode || !matchRule(c, token, '').includes(token) || !decodeToken(token, c.rule.decode)?.ok) continue;
            emitCredential(c.vendor, 'token', token, s, 'a comment that holds only this token', c.rule);
            break;
          }
        }
        // 2g. Commented-out vendor calls (`// ZegoExpressEngine.createEngineWithProfile(ZegoEngineProfile(1249…,
        //     appSign: '1cbb…'))`): the secret is committed as surely as in code. Only a literal in a credential role
        //     of the call counts, and only with the shape of one of the vendor's credentials of that kind (comments
        //     hold examples and placeholders); reported where the literal sits. Nothing else of the call counts.
        for (const use of commentedApiUses(facts, ctx.rules)) {
          const found: Array<{ kind: CredentialRule['kind']; literal: string; role: string; rule?: CredentialRule }> = [];
          let example = false;
          for (const [role, kind] of [['appId', 'identifier'], ['appSecret', 'secret'], ['token', 'token']] as const) {
            const v = use.args[role];
            const literal = v?.kind === 'string' && v.value !== '' ? v.value : v?.kind === 'number' && role === 'appId' && v.value !== 0 ? String(v.value) : undefined;
            if (literal === undefined) continue;
            const rule = isPlaceholder(literal) || '01234567890'.includes(literal)
              ? undefined
              : use.vendor.credentials.find(
                  (r) => r.kind === kind && (r.configValue ? new RegExp(`^(?:${r.configValue})$`).test(literal) : new RegExp(r.regex).test(literal)) && !r.allowlist.some((a) => new RegExp(a).test(literal)),
                );
            if (rule || (kind === 'token' && decodeToken(literal)?.ok)) found.push({ kind, literal, role, rule });
            // A literal without a credential's shape (`'your_app_sign'`, `12345678`) makes the call an example.
            else example = true;
          }
          if (example) continue;
          for (const { kind, literal, role, rule } of found) {
            const at = use.literalAt?.[literal] ?? use.location;
            emitCredential(use.vendor, kind, literal, { line: at.line, column: at.column }, `${role} argument of ${use.callee} in commented-out code`, rule);
          }
        }
        // The value's keywords come from the checks' shared pass (string-scan.ts); a string with none and no context
        // can match only the rules without keywords.
        const { flags, keywords: valueKeywords } = stringScan(facts, ctx.rules);
        const strings = facts.strings;
        const always = keywords.always.length > 0;
        for (let i = 0; i < strings.length; i++) {
          const f = flags[i]!;
          // (HAS_SITE: no snippet and no context, so no context to scan either.)
          if (!(f & IS_SCANNED) || (!(f & (HAS_CREDENTIAL_KEYWORD | HAS_SITE)) && !always)) continue;
          const s = strings[i]!;
          const inCaller = s.context ? methodContext.get(s.context) : undefined;
          // A JS literal has no source line, but its binding is one: `APP_SIGN = "…"` is what a key pattern reads.
          const line = s.snippet ?? (s.binding ? `${s.binding} = "${s.value}"` : undefined);
          const context = line && inCaller ? `${line}\n${inCaller}` : (line ?? inCaller ?? '');
          scan(s.value, context, s, inCaller ? (c) => `${s.kind} string in ${s.context}, which calls ${c.vendor.name}` : kindWhere(s.kind), valueKeywords.get(i));
        }
        // 2d. A file that holds a vendor's credential found by its own pattern (a ZEGO AppSign in a constants file
        //     that imports nothing) is that vendor's file: its role-named literals (`const appId = 1234567890`) too.
        const evidenced = ctx.rules.vendors.filter((v) => credentialVendors.has(v.id) && !fileVendors.includes(v));
        if (evidenced.length) byRole(evidenced, (v) => `beside ${v.name}'s other credential`);
      },
    };
  },
};

/** One credential result at a location (a secret's value is shown masked unless showSecrets). */
function credentialFindingAt(
  vendor: VendorRule,
  kind: CredentialRule['kind'],
  value: string,
  location: Finding['location'],
  where: string,
  rule: CredentialRule | undefined,
  showSecrets: boolean | undefined,
): Finding {
  const shown = maskSecret(value, showSecrets);
  const what = rule?.description ?? `${vendor.name} ${KIND_LABEL[kind]}`;
  let message = `${what} ${shown} is hardcoded (${where}).`;
  const properties: Finding['properties'] = {
    category: 'credential',
    vendor: vendor.id,
    credentialKind: kind,
    ...(rule ? { credentialRule: rule.id } : {}),
    fingerprint: secretHash(value),
  };
  let level: Finding['level'];
  if (kind === 'token') {
    const d = decodeFor(rule, value);
    if (d?.ok) {
      const t = d.token;
      message = `${what} ${shown} is embedded (${where}); it ${describeGrant(t)}.`;
      properties.tokenFormat = t.format;
      if (t.channel !== undefined) properties.channel = t.channel;
      if (t.user !== undefined) properties.user = t.user;
      if (t.expiresAt) properties.expires = new Date(t.expiresAt * 1000).toISOString();
      if (t.appId) properties.appId = maskSecret(t.appId, showSecrets);
      // An expired token grants nothing any more; what remains is the identifiers it discloses.
      if (isExpired(t)) level = 'note';
    } else if (d) {
      properties.tokenFormat = d.format;
      message += ` It could not be decoded offline (${d.error}).`;
    }
  }
  return {
    ruleId: RULE_FOR_KIND[kind],
    ...(level ? { level } : {}),
    message,
    location,
    properties,
    identity: `${vendor.id}|${rule?.id ?? kind}|#${secretHash(value)}`,
  };
}

/** At most this many role-named literals of vendor-less files wait for end() (2e). */
const MAX_UNPLACED = 256;

const KIND_WHERE = new Map<string, string>();
/** `literal string`, `config string`: one string per kind, not one per scanned string. */
function kindWhere(kind: string): string {
  let w = KIND_WHERE.get(kind);
  if (w === undefined) KIND_WHERE.set(kind, (w = `${kind} string`));
  return w;
}

/** Names that say what a credential is (normalised: lower case, no separators). */
const ROLE_NAMES: Array<{ kind: CredentialRule['kind']; re: RegExp }> = [
  // `secretKey`, `TRTC_SECRET_KEY`: a key named a secret is one (before the identifier names ending in `key`).
  { kind: 'secret', re: /(?:secret|secretkey|certificate|appcert|appsign|privatekey)$/ },
  { kind: 'token', re: /(?:token|usersig|authtoken)$/ },
  { kind: 'identifier', re: /(?:appid|applicationid|apikey|appkey|accesskey|sdkappid)$/ },
];

/** `SERVER_SECRET`, `appId`, `authToken` → the credential role the name gives a literal bound to it. */
export function roleOfName(name: string): { kind: CredentialRule['kind']; name: string } | undefined {
  const key = normalizeKey(name);
  const role = ROLE_NAMES.find((r) => r.re.test(key));
  return role ? { kind: role.kind, name } : undefined;
}

/** A line of text: `SERVER_SECRET = "…"`, `appId: '…'`, `"apiKey": "…"` → the role of the name before the value. */
export function roleOfAssignment(snippet: string, value: string): { kind: CredentialRule['kind']; name: string } | undefined {
  const at = snippet.indexOf(value);
  if (at < 1) return undefined;
  const m = /([A-Za-z_$][\w$]*)["']?\s{0,4}[:=]\s{0,4}["'`]$/.exec(snippet.slice(Math.max(0, at - 80), at));
  return m ? roleOfName(m[1]!) : undefined;
}

/**
 * Vendors a name names: the vendor's id, one of its aliases (`opentok` of vonage), or a credential keyword that
 * abbreviates it (`zego` of zegocloud), in a
 * file name (`zegoConfig.js`) or a binding (`AgoraAppId`, `ZEGO_APP_SIGN`). At least 4 letters, so `hms`
 * (100ms) needs its package or host instead.
 */
function vendorsNamedIn(name: string, pack: RulePack): VendorRule[] {
  const text = normalizeKey(name);
  const out: VendorRule[] = [];
  for (const { vendor, names } of vendorNames(pack)) if (names.some((n) => text.includes(n))) out.push(vendor);
  return out;
}

const vendorNamesCache = new WeakMap<RulePack, Array<{ vendor: VendorRule; names: string[] }>>();

/** Each non-protocol vendor's names of at least 4 letters (see vendorsNamedIn), computed once per pack: it runs per artifact. */
function vendorNames(pack: RulePack): Array<{ vendor: VendorRule; names: string[] }> {
  let c = vendorNamesCache.get(pack);
  if (!c) {
    c = [];
    for (const v of pack.vendors) {
      if (v.entity === 'protocol') continue;
      const id = normalizeKey(v.id.split('-')[0]!);
      const names = [id, ...v.aliases, ...v.credentials.flatMap((r) => r.keywords).filter((k) => /^[a-z]{4,}$/.test(k) && id.startsWith(k))];
      c.push({ vendor: v, names: names.filter((n) => n.length >= 4) });
    }
    vendorNamesCache.set(pack, c);
  }
  return c;
}

/**
 * `line|value` of the literal arguments of source calls that are not a vendor's (no API rule matched the call, its
 * callee names no vendor): `BCFeedbackKit.init(appKey: "…", appSecret: "…")`.
 */
function argumentsOfOtherCalls(facts: Facts, uses: ReturnType<typeof appApiUses>, pack: RulePack): Set<string> {
  const out = new Set<string>();
  if (!facts.code) return out;
  const vendorCalls = new Set(uses.map((u) => `${u.location?.line}|${u.callee}`));
  for (const c of facts.code.calls) {
    if (c.line === undefined || vendorCalls.has(`${c.line}|${c.callee}`) || vendorsNamedIn(c.callee, pack).length) continue;
    for (const a of c.args) {
      if (a.kind === 'string') out.add(`${c.line}|${a.value}`);
      else if (a.kind === 'object') for (const v of Object.values(a.props)) if (v.kind === 'string') out.add(`${c.line}|${v.value}`);
    }
  }
  return out;
}

/**
 * Vendors a source file uses: packages it imports (the vendor's, or named after it), vendor APIs its code calls, vendor hosts it names, or the vendor
 * its own file name names (`zegoConfig.js`, `agora_configuration.js`). Compiled artifacts (no names) get none.
 */
function vendorsOfFile(facts: Facts, uses: ReturnType<typeof appApiUses>, pack: RulePack): VendorRule[] {
  if (facts.format !== 'js' && facts.format !== 'text') return [];
  const out = new Set<VendorRule>();
  for (const use of uses) out.add(use.vendor);
  for (const lib of facts.libraries) {
    if (lib.kind !== 'npm') continue;
    const v = pack.vendors.find((x) => (x.sdk.js?.packages ?? []).some((p) => lib.name === p || lib.name.startsWith(p + '/')));
    if (v) out.add(v);
    // A package named after the vendor (`agora-rn-uikit`, `zego-uikit-prebuilt-call-rn`) wraps its SDK.
    else for (const named of vendorsNamedIn(lib.name, pack)) out.add(named);
  }
  for (const v of vendorsNamedIn(facts.artifact.slice(facts.artifact.lastIndexOf('/') + 1), pack)) out.add(v);
  // The URL pattern below needs `://`: the shared pass's flag (string-scan.ts) spares most strings both regexes.
  const { flags } = stringScan(facts, pack);
  const strings = facts.strings;
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i]!;
    if (s.kind !== 'literal' || !(flags[i]! & HAS_SCHEME_SEP) || s.value.length > 2048 || !s.value.includes('://') || !/\.[a-z]{2,}/i.test(s.value)) continue;
    for (const m of s.value.matchAll(/(?:https?|wss?):\/\/([a-z0-9.-]+)/gi)) {
      const v = pack.vendorForHost(m[1]!.toLowerCase());
      if (v && v.entity !== 'protocol') out.add(v);
    }
  }
  return [...out];
}
