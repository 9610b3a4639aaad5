// SARIF 2.1.0 writer, shaped for GitHub code scanning: plain relative URIs, a startLine on every region, our own
// partialFingerprints (GitHub cannot compute them for members of an .ipa), security-severity on security rules,
// one run per category, GitHub's size limits enforced by keeping the most severe results.
import type * as Sarif from 'sarif';
import { gzipSync } from 'node:zlib';
import type { Notice } from '../core/facts.js';
import type { Finding, Location } from '../core/finding.js';
import type { ScanResult } from '../engine/scan.js';
import type { RulePack } from '../rules/pack.js';
import type { CheckRule } from '../rules/schema.js';
import { toUri, originalUri } from './uri.js';
import { fingerprint, identityHash, lineHash } from './fingerprint.js';
import { markdownToText } from './markdown.js';
import { TOOL } from './tool.js';
import { jsonTerminalSafe, sarifPlain } from './escape.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** GitHub's documented per-upload limits (the Multitool's GH1004 defaults are stricter; see README). */
export interface SarifLimits {
  maxResultsPerRun: number;
  /** GitHub rejects uploads over 10 MB gzip-compressed. */
  maxGzipBytes: number;
  maxRelatedLocations: number;
  /** Related locations of a result that lists them (`Finding.listsRelated`); GitHub accepts 1,000 locations per result. */
  maxListedLocations?: number;
  maxThreadFlowLocations: number;
}
export const GITHUB_LIMITS: SarifLimits = { maxResultsPerRun: 25_000, maxGzipBytes: 10 * 1024 * 1024, maxRelatedLocations: 9, maxListedLocations: 1_000, maxThreadFlowLocations: 1_000 };

export interface SarifOptions {
  rules: RulePack;
  /** `automationDetails.id`, e.g. `rtcscan/ios/`. */
  category: string;
  limits?: SarifLimits;
  /** Baseline states by fingerprint (set by the baseline comparison), written as `baselineState`. */
  baselineState?: (f: Finding, fp: string) => Sarif.Result.baselineState | undefined;
  /** Why results were cut, when a caller lowered `limits.maxResultsPerRun` (see `sarifText`). */
  truncationReason?: string;
  /** Suppressions by fingerprint (accepted findings), written as `suppressions`. */
  suppression?: (f: Finding, fp: string) => Sarif.Suppression | undefined;
}

const LEVEL_RANK = { error: 3, warning: 2, note: 1, none: 0 } as const;

export function toSarif(result: ScanResult, opts: SarifOptions): Sarif.Log {
  const limits = opts.limits ?? GITHUB_LIMITS;
  const rules = opts.rules.checks;
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const artifacts = new ArtifactTable();
  for (const b of result.bundles) for (const a of b.artifacts) artifacts.add(a.path, a.parent, a.size, a.sha256, a.format);

  let findings = result.bundles.flatMap((b) => b.findings);
  const notices: Notice[] = result.bundles.flatMap((b) => b.notices);
  if (findings.length > limits.maxResultsPerRun) {
    const before = findings.length;
    findings = keepMostSevere(findings, limits.maxResultsPerRun, opts.rules);
    notices.push({ level: 'warning', id: 'report/results-truncated', message: `${before} results exceed ${opts.truncationReason ?? `GitHub's limit of ${limits.maxResultsPerRun} per run`}; the ${limits.maxResultsPerRun} most severe were kept` });
  }

  const results = findings.map((f) => toResult(f, opts, ruleIndex, artifacts, limits, notices));
  const fatal = result.bundles.some((b) => b.fatal);
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: TOOL.name,
        version: TOOL.version,
        semanticVersion: TOOL.version,
        informationUri: TOOL.informationUri,
        rules: rules.map(toDescriptor),
      },
    },
    automationDetails: { id: opts.category },
    invocations: [
      {
        executionSuccessful: !fatal,
        toolExecutionNotifications: notices.map(toNotification),
      },
    ],
    artifacts: artifacts.list,
    columnKind: 'utf16CodeUnits',
    results,
  };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

function keepMostSevere(findings: Finding[], max: number, rules: RulePack): Finding[] {
  const score = (f: Finding) => {
    const rule = rules.checkById.get(f.ruleId);
    return LEVEL_RANK[f.level ?? rule?.level ?? 'warning'] * 100 + (rule?.securitySeverity ?? 0);
  };
  const ranked = findings.map((f, i) => ({ f, i, s: score(f) })).sort((a, b) => b.s - a.s || a.i - b.i);
  return ranked.slice(0, max).sort((a, b) => a.i - b.i).map((x) => x.f);
}

function toDescriptor(r: CheckRule): Sarif.ReportingDescriptor {
  const security = r.tags.includes('security');
  return {
    id: r.id,
    name: r.name,
    shortDescription: { text: r.shortDescription },
    fullDescription: { text: r.fullDescription },
    help: { text: markdownToText(r.help), markdown: r.help },
    defaultConfiguration: { level: r.level },
    properties: {
      tags: r.tags,
      precision: r.precision,
      category: r.category,
      ...(security ? { 'security-severity': r.securitySeverity.toFixed(1) } : {}),
      'problem.severity': r.level === 'note' ? 'recommendation' : r.level,
    },
  };
}

function toResult(f: Finding, opts: SarifOptions, ruleIndex: Map<string, number>, artifacts: ArtifactTable, limits: SarifLimits, notices: Notice[]): Sarif.Result {
  const rule = opts.rules.checkById.get(f.ruleId);
  const index = ruleIndex.get(f.ruleId);
  if (!rule || index === undefined) throw new Error(`finding for unknown rule ${f.ruleId}`);
  const fp = fingerprint(f);
  const primary = f.location.original ? toOriginalLocation(f.location) : toLocation(f.location, artifacts);
  const related: Sarif.Location[] = [];
  if (f.location.original) related.push({ ...toLocation(f.location, artifacts), id: 1, message: { text: 'position in the shipped bundle' } });
  const maxRelated = f.listsRelated ? Math.max(limits.maxRelatedLocations, limits.maxListedLocations ?? 0) : limits.maxRelatedLocations;
  for (const r of f.related ?? []) {
    if (related.length >= maxRelated) break;
    related.push({ ...toLocation(r, artifacts), id: related.length + 1, ...(r.message ? { message: { text: sarifPlain(r.message) } } : {}) });
  }
  const result: Sarif.Result = {
    ruleId: f.ruleId,
    ruleIndex: index,
    level: f.level ?? rule.level,
    message: { text: sarifPlain(f.message) },
    locations: [primary],
    partialFingerprints: { 'rtcscanFindingHash/v1': fp, 'rtcscanIdentityHash/v1': identityHash(f), primaryLocationLineHash: lineHash(fp) },
    properties: cleanProperties(f.properties),
  };
  if (related.length) result.relatedLocations = related;
  if (f.flow?.length) {
    let steps = f.flow;
    if (steps.length > limits.maxThreadFlowLocations) {
      notices.push({ level: 'note', id: 'report/flow-truncated', message: `a data flow of ${steps.length} steps was shortened to ${limits.maxThreadFlowLocations} (GitHub's limit)` });
      steps = [...steps.slice(0, limits.maxThreadFlowLocations - 1), steps[steps.length - 1]];
    }
    result.codeFlows = [
      {
        message: { text: sarifPlain(f.message) },
        threadFlows: [
          {
            locations: steps.map((s, i) => ({
              location: { ...(s.original ? toOriginalLocation(s) : toLocation(s, artifacts)), message: { text: sarifPlain(s.message) } },
              executionOrder: i + 1,
              kinds: [i === 0 ? 'source' : i === steps.length - 1 ? 'sink' : 'step'],
            })),
          },
        ],
      },
    ];
  }
  const baseline = opts.baselineState?.(f, fp);
  if (baseline) result.baselineState = baseline;
  const suppression = opts.suppression?.(f, fp);
  if (suppression) result.suppressions = [suppression];
  return result;
}

function cleanProperties(p: Finding['properties']): Sarif.PropertyBag {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(p).sort()) if (p[k] !== undefined) out[k] = p[k];
  return out;
}

function toLocation(l: Location, artifacts: ArtifactTable): Sarif.Location {
  const startLine = l.line ?? 1;
  const region: Sarif.Region = { startLine };
  if (l.line !== undefined) {
    if (l.column !== undefined) region.startColumn = l.column;
    if (l.endLine !== undefined) region.endLine = l.endLine;
    if (l.endColumn !== undefined && (l.endLine === undefined || l.endLine > startLine || l.endColumn > (l.column ?? 0))) region.endColumn = l.endColumn;
  }
  if (l.offset !== undefined) {
    region.byteOffset = l.offset;
    if (l.length !== undefined) region.byteLength = l.length;
  }
  const index = artifacts.indexOf(l.artifact);
  const physicalLocation: Sarif.PhysicalLocation = { artifactLocation: { uri: toUri(l.artifact), ...(index !== undefined ? { index } : {}) }, region };
  // The snippet is the text around the match, so it belongs in a context region, which must strictly contain the
  // region: a whole line does when the region is a column range on that line that is not itself the whole line
  // (a region from column 1 with no end column is the whole line, and the Multitool rejects the pair: SARIF1008).
  if (l.snippet && region.startColumn !== undefined && (region.startColumn > 1 || region.endColumn !== undefined) && (region.endLine ?? startLine) === startLine) {
    physicalLocation.contextRegion = { startLine, snippet: { text: l.snippet } };
  }
  const loc: Sarif.Location = { physicalLocation };
  if (l.context) loc.logicalLocations = [{ fullyQualifiedName: l.context }];
  return loc;
}

function toOriginalLocation(l: Location): Sarif.Location {
  const o = l.original!;
  const region: Sarif.Region = { startLine: o.line, startColumn: o.column };
  return { physicalLocation: { artifactLocation: { uri: originalUri(o) }, region } };
}

function toNotification(n: Notice): Sarif.Notification {
  return {
    level: n.level,
    message: { text: sarifPlain(n.artifact ? `${n.artifact}: ${n.message}` : n.message) },
    descriptor: { id: n.id },
    ...(n.artifact ? { properties: { artifact: n.artifact } } : {}),
  };
}

/** SARIF `artifacts`: every file and archive member seen, members pointing at their archive via parentIndex. */
class ArtifactTable {
  list: Sarif.Artifact[] = [];
  private index = new Map<string, number>();
  add(path: string, parent: string | undefined, size: number, sha256: string | undefined, format: string): void {
    if (this.index.has(path)) return;
    const parentIndex = parent !== undefined ? this.index.get(parent) : undefined;
    const a: Sarif.Artifact = { location: { uri: toUri(path) }, length: size };
    if (parentIndex !== undefined) a.parentIndex = parentIndex;
    if (sha256) a.hashes = { 'sha-256': sha256 };
    a.properties = { format };
    this.index.set(path, this.list.length);
    this.list.push(a);
  }
  indexOf(path: string): number | undefined {
    return this.index.get(path);
  }
}

/**
 * At least the gzip size of any `bytes` bytes: deflate's worst case (stored blocks, zlib's `deflateBound` with its
 * conservative terms: n + n/8 + n/64 + 5) plus gzip's header and trailer, with room to spare.
 */
export function gzipBound(bytes: number): number {
  return bytes + (bytes >> 2) + 1024;
}

/**
 * The SARIF text of a scan, within GitHub's upload size: when the gzipped log would pass `maxGzipBytes`, the least
 * severe results are dropped (most severe kept) until it fits, and a notification says so.
 */
export function sarifText(result: ScanResult, opts: SarifOptions, finish: (log: Sarif.Log) => void = () => {}): string {
  const limits = opts.limits ?? GITHUB_LIMITS;
  let max = limits.maxResultsPerRun;
  let reason: string | undefined;
  for (;;) {
    const log = toSarif(result, { ...opts, limits: { ...limits, maxResultsPerRun: max }, truncationReason: reason });
    finish(log);
    const text = jsonTerminalSafe(JSON.stringify(log, null, 2)) + '\n';
    // A text whose gzip could not pass the limit even if it did not compress at all is not compressed to find out
    // (the benchmark IPA's 3 MB log: ~0.1 s of deflate at the end of every scan, after all other work).
    const bytes = Buffer.byteLength(text);
    if (gzipBound(bytes) <= limits.maxGzipBytes) return text;
    const size = gzipSync(text).length;
    const count = log.runs[0]?.results?.length ?? 0;
    if (size <= limits.maxGzipBytes || count === 0) return text;
    max = Math.max(0, Math.floor(count * (limits.maxGzipBytes / size) * 0.9));
    reason = `GitHub's upload limit of ${Math.round(limits.maxGzipBytes / 1024 / 1024)} MB gzipped (the full log was ${(size / 1024 / 1024).toFixed(1)} MB)`;
  }
}
