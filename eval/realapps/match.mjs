// Matching of rtcscan findings against hand labels, shared by run.mjs (checkouts, release builds we made) and
// run-binaries.mjs (binaries third parties committed). Labels follow ground-truth.yaml's definitions.
export const CATEGORIES = ['vendor', 'session', 'credential', 'flow', 'endpoint', 'policy'];
const LINE_SLACK = 2;
const NOT_SCORED_VENDORS = new Set(['webrtc']);


/**
 * A finding's message shows a credential masked: first 4 … last 4 characters, or 2 … 2 for short values. A label
 * `abcd…wxyz` matches a message holding it, or a shorter mask of the same value (`ab…yz`).
 */
export function showsValue(message, value) {
  if (message.includes(value)) return true;
  const [first, last] = value.split('…');
  for (const m of message.matchAll(/(\S+)…(\S+)/g)) {
    const p = m[1];
    const q = m[2].replace(/[.,;)]+$/, '');
    if (p.length >= 2 && q.length >= 2 && p.length < first.length && first.startsWith(p) && last.endsWith(q)) return true;
  }
  return false;
}

const inNodeModules = (file) => /(^|\/)node_modules\//.test(file);
const hostMatches = (host, list) => list.some((n) => host === n || host.endsWith('.' + n));
const near = (f, label) => f.file === label.file && Math.abs((f.location?.line ?? -99) - label.line) <= LINE_SLACK;

/**
 * Position-free matching of a build: per key (vendor+kind for sessions, rule for cleartext), distinct findings
 * (artifact:line:column) against labels; optional labels absorb extra findings without counting.
 */
export function countMatch(res, labels, findings, keyOfLabel, keyOfFinding, show, identity = (f) => `${f.file}:${f.location?.line}:${f.location?.column}`) {
  const keys = new Set([...labels.map(keyOfLabel), ...findings.map(keyOfFinding)]);
  for (const k of keys) {
    const need = labels.filter((l) => keyOfLabel(l) === k && !l.optional);
    const optional = labels.filter((l) => keyOfLabel(l) === k && l.optional).length;
    const got = [...new Map(findings.filter((f) => keyOfFinding(f) === k).map((f) => [identity(f), f])).values()];
    const tp = Math.min(need.length, got.length);
    res.tp += tp;
    res.fn += need.length - tp;
    need.slice(tp).forEach((l) => res.fns.push(`${k} ${l.file}:${l.line} ${l.call ?? l.note ?? ''}`.trim()));
    const extra = got.slice(tp + Math.min(optional, Math.max(0, got.length - tp)));
    res.fp += extra.length;
    extra.forEach((f) => res.fps.push(`${k} ${f.file}:${f.location?.line} ${show(f)}`));
  }
}

export function scoreBuild(app, findings) {
  // The bundled SDK's hosts grouped into one note ("SDK code holds N hosts", no host of its own) are the build's
  // counterpart of an SDK in node_modules, which checkouts do not score either.
  const sdkGroup = (f) => f.ruleId === 'RTC201' && !f.properties?.host && !f.properties?.ip;
  // Likewise a recognised non-RTC dependency's hosts grouped into one note (RTC202 `dependency`): what a checkout
  // keeps in that library's node_modules files.
  const dependencyGroup = (f) => f.ruleId === 'RTC202' && typeof f.properties?.dependency === 'string' && !f.properties?.host;
  const res = score({ ...app, session: [], flows: [] }, findings.filter((f) => !/^RTC(102|301|302)$/.test(f.ruleId) && !sdkGroup(f) && !dependencyGroup(f)));
  const vendorOf = app.vendors.length === 1 ? app.vendors[0] : undefined;
  const snippet = (f) => (f.location?.snippet ?? f.message ?? '').slice(0, 90);
  countMatch(res.session, app.session ?? [], findings.filter((f) => f.ruleId === 'RTC102'), (l) => `${l.vendor ?? vendorOf}/${l.kind}`, (f) => `${f.properties?.vendor}/${f.properties?.kind}`, snippet);
  countMatch(res.flow, app.flows ?? [], findings.filter((f) => /^RTC30[12]$/.test(f.ruleId)), (l) => l.rule, (f) => f.ruleId, snippet);
  return res;
}

export function score(app, findings) {
  const res = Object.fromEntries(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0, fps: [], fns: [] }]));
  // Vendors: every vendor named by RTC101/RTC102 anywhere in the scan.
  const found = new Set(findings.filter((f) => /^RTC10[12]$/.test(f.ruleId)).map((f) => f.properties?.vendor).filter((v) => v && !NOT_SCORED_VENDORS.has(v)));
  for (const v of app.vendors) (found.has(v) ? (res.vendor.tp++, 0) : (res.vendor.fn++, res.vendor.fns.push(v)));
  for (const v of found) if (!app.vendors.includes(v)) (res.vendor.fp++, res.vendor.fps.push(v));

  // Sessions: RTC102 findings against labelled call sites.
  const sessions = findings.filter((f) => f.ruleId === 'RTC102');
  const labels = app.session ?? [];
  for (const l of labels) {
    if (l.optional) continue;
    if (sessions.some((f) => near(f, l))) res.session.tp++;
    else (res.session.fn++, res.session.fns.push(`${l.file}:${l.line} ${l.call}`));
  }
  const seen = new Set();
  for (const f of sessions) {
    const key = `${f.file}:${f.location?.line}`;
    if (seen.has(key) || labels.some((l) => near(f, l))) continue;
    seen.add(key);
    res.session.fp++;
    res.session.fps.push(`${key} ${(f.location?.snippet ?? '').slice(0, 90)}`);
  }

  // Credentials: by rule and masked value (first 4 … last 4), wherever reported.
  const creds = findings.filter((f) => /^RTC40[123]$/.test(f.ruleId));
  for (const l of app.credentials ?? []) {
    if (creds.some((f) => f.ruleId === l.rule && showsValue(f.message, l.value))) res.credential.tp++;
    else (res.credential.fn++, res.credential.fns.push(`${l.rule} ${l.value} ${l.file}:${l.line}`));
  }
  const credSeen = new Set();
  for (const f of creds) {
    const masked = (f.message.match(/\S+…\S+/) ?? [f.message.slice(0, 40)])[0].replace(/[.,;)]+$/, '');
    const key = `${f.ruleId} ${masked}`;
    if (credSeen.has(key) || (app.credentials ?? []).some((l) => l.rule === f.ruleId && showsValue(f.message, l.value))) continue;
    credSeen.add(key);
    res.credential.fp++;
    res.credential.fps.push(`${key} at ${f.file}:${f.location?.line}`);
  }

  // Cleartext: RTC301/RTC302 findings against labelled flows (file and line).
  const flows = findings.filter((f) => /^RTC30[12]$/.test(f.ruleId));
  for (const l of app.flows ?? []) {
    if (flows.some((f) => f.ruleId === l.rule && near(f, l))) res.flow.tp++;
    else (res.flow.fn++, res.flow.fns.push(`${l.rule} ${l.file}:${l.line}`));
  }
  const flowSeen = new Set();
  for (const f of flows) {
    const key = `${f.ruleId} ${f.file}:${f.location?.line}`;
    if (flowSeen.has(key) || (app.flows ?? []).some((l) => l.rule === f.ruleId && near(f, l))) continue;
    flowSeen.add(key);
    res.flow.fp++;
    res.flow.fps.push(`${key} ${(f.location?.snippet ?? '').slice(0, 90)}`);
  }

  // Endpoints: RTC201–204 by rule and host, outside committed node_modules. A note that groups a recognised SDK's or
  // dependency's hosts (no host of its own: "code of the bundled dependency X holds N hosts") names no endpoint of
  // the app, as a dependency's node_modules files do not.
  const eps = findings.filter((f) => /^RTC20[1-4]$/.test(f.ruleId) && !inNodeModules(f.file) && (f.properties?.host || f.properties?.ip));
  const hostOf = (f) => String(f.properties?.host ?? f.properties?.ip ?? '').toLowerCase();
  for (const l of app.endpoints ?? []) {
    if (eps.some((f) => f.ruleId === l.rule && hostOf(f) === l.host)) res.endpoint.tp++;
    else (res.endpoint.fn++, res.endpoint.fns.push(`${l.rule} ${l.host} (${l.file}:${l.line})`));
  }
  const epSeen = new Set();
  for (const f of eps) {
    const host = hostOf(f);
    const key = `${f.ruleId} ${host}`;
    if (epSeen.has(key) || (app.endpoints ?? []).some((l) => l.rule === f.ruleId && l.host === host) || hostMatches(host, app.neutral ?? [])) continue;
    epSeen.add(key);
    res.endpoint.fp++;
    res.endpoint.fps.push(`${key} at ${f.file}:${f.location?.line}`);
  }
  // Platform policy: RTC311–313 by rule, file and line.
  const policies = findings.filter((f) => /^RTC31[1-3]$/.test(f.ruleId));
  for (const l of app.policy ?? []) {
    if (policies.some((f) => f.ruleId === l.rule && near(f, l))) res.policy.tp++;
    else (res.policy.fn++, res.policy.fns.push(`${l.rule} ${l.file}:${l.line}`));
  }
  const policySeen = new Set();
  for (const f of policies) {
    const key = `${f.ruleId} ${f.file}:${f.location?.line}`;
    if (policySeen.has(key) || (app.policy ?? []).some((l) => l.rule === f.ruleId && near(f, l))) continue;
    policySeen.add(key);
    res.policy.fp++;
    res.policy.fps.push(`${key} ${(f.location?.snippet ?? '').slice(0, 90)}`);
  }
  return res;
}


/**
 * A compiled binary (APK/AAB/IPA or a bundle taken from one): labels come from the repository's source, whose lines
 * do not survive compilation, so sessions (vendor/kind), cleartext flows and platform policy (by rule) are counted
 * as in release builds. Findings in a binary member (classes.dex, a .so) carry no line: distinct findings are told
 * apart by member and message.
 */
export function scoreBinary(app, allFindings) {
  // A value only the binary holds (built before the source changed; binaries.yaml `binary_only`) counts neither way.
  const binaryOnly = (f) => (app.binary_only ?? []).some((b) => b.rule === f.ruleId && showsValue(f.message, b.value));
  const findings = allFindings.filter((f) => !binaryOnly(f));
  const res = scoreBuild({ ...app, policy: [] }, findings.filter((f) => !/^RTC31[1-3]$/.test(f.ruleId)));
  const identity = (f) => `${f.file}:${f.location?.line}:${f.location?.column}:${f.message}`;
  const snippet = (f) => (f.location?.snippet ?? f.message ?? '').slice(0, 90);
  const vendorOf = app.vendors.length === 1 ? app.vendors[0] : undefined;
  for (const c of ['session', 'flow']) Object.assign(res[c], { tp: 0, fp: 0, fn: 0, fps: [], fns: [] });
  countMatch(res.session, app.session ?? [], findings.filter((f) => f.ruleId === 'RTC102'), (l) => `${l.vendor ?? vendorOf}/${l.kind}`, (f) => `${f.properties?.vendor}/${f.properties?.kind}`, snippet, identity);
  countMatch(res.flow, app.flows ?? [], findings.filter((f) => /^RTC30[12]$/.test(f.ruleId)), (l) => l.rule, (f) => f.ruleId, snippet, identity);
  countMatch(res.policy, app.policy ?? [], findings.filter((f) => /^RTC31[1-3]$/.test(f.ruleId)), (l) => l.rule, (f) => f.ruleId, snippet, identity);
  return res;
}

const NAMES = { vendor: 'vendor detection (RTC101/102 vendor)', session: 'session starts (RTC102)', credential: 'credentials (RTC401/402/403)', flow: 'cleartext (RTC301/302)', endpoint: 'endpoints (RTC201–204)', policy: 'platform policy (RTC311–313)' };
const pct = (a, b) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`);

/** Running totals per category, and the per-app lines of `--details`. */
export function tally() {
  const totals = Object.fromEntries(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
  return {
    totals,
    add(res, heading, details) {
      for (const c of CATEGORIES) for (const k of ['tp', 'fp', 'fn']) totals[c][k] += res[c][k];
      if (!details) return;
      console.log(`\n## ${heading}`);
      for (const c of CATEGORIES) {
        const r = res[c];
        console.log(`  ${c}: TP ${r.tp} FP ${r.fp} FN ${r.fn}`);
        for (const x of r.fps) console.log(`    FP ${x}`);
        for (const x of r.fns) console.log(`    FN ${x}`);
      }
    },
    print(count, noun) {
      console.log(`\n${count} ${noun}\n`);
      console.log('| category | TP | FP | FN | precision | recall |');
      console.log('|---|---:|---:|---:|---:|---:|');
      for (const c of CATEGORIES) {
        const t = totals[c];
        console.log(`| ${NAMES[c]} | ${t.tp} | ${t.fp} | ${t.fn} | ${pct(t.tp, t.tp + t.fp)} | ${pct(t.tp, t.tp + t.fn)} |`);
      }
    },
  };
}
