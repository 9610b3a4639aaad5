// The pipeline: input → formats → checks, one direction. Each top-level input is one bundle: checks are created
// per bundle, so whole-bundle conclusions ("joins but never encrypts") never mix two apps.
import { createHash } from 'node:crypto';
import type { Notice } from '../core/facts.js';
import type { Check, Finding } from '../core/finding.js';
import type { ArtifactRecord } from '../input/artifact.js';
import { DEFAULT_LIMITS, type InputLimits } from '../input/limits.js';
import { InputError, walkInput } from '../input/walk.js';
import { readFacts } from '../formats/index.js';
import type { RulePack } from '../rules/pack.js';
import { ALL_CHECKS } from '../checks/index.js';
import { compareFindings } from './order.js';

export interface ScanOptions {
  inputs: string[];
  rules: RulePack;
  cwd?: string;
  limits?: InputLimits;
  showSecrets?: boolean;
  /** Strings a reader keeps from one artifact. */
  maxStrings?: number;
  checks?: readonly Check[];
  ignore?: (virtualPath: string) => boolean;
  onProgress?(progress: { files: number; bytes: number; current: string }): void;
}

export interface BundleResult {
  /** The input as given, and its display name (the root of its virtual paths). */
  input: string;
  findings: Finding[];
  notices: Notice[];
  artifacts: ArtifactRecord[];
  /** Set when the input could not be read at all. */
  fatal?: Notice;
}

export interface ScanResult {
  bundles: BundleResult[];
  startTime: Date;
  endTime: Date;
  files: number;
  bytes: number;
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const startTime = new Date();
  const cwd = options.cwd ?? process.cwd();
  const limits = options.limits ?? DEFAULT_LIMITS;
  const checks = options.checks ?? ALL_CHECKS;
  const bundles: BundleResult[] = [];
  let files = 0;
  let bytes = 0;
  for (const input of options.inputs) {
    const bundle: BundleResult = { input, findings: [], notices: [], artifacts: [] };
    bundles.push(bundle);
    const seen = new Set<string>();
    const ctx = {
      rules: options.rules,
      showSecrets: !!options.showSecrets,
      report(f: Finding) {
        const key = `${f.ruleId}\u0000${f.location.artifact}\u0000${f.identity}`;
        if (seen.has(key)) return;
        seen.add(key);
        bundle.findings.push(f);
      },
      notify(n: Notice) {
        bundle.notices.push(n);
      },
    };
    const visitors = checks.map((c) => c.create(ctx));
    try {
      const walk = walkInput(input, { limits, cwd, notify: ctx.notify, record: (r) => bundle.artifacts.push(r), ignore: options.ignore });
      for await (const artifact of walk) {
        files++;
        bytes += artifact.size;
        options.onProgress?.({ files, bytes, current: artifact.path });
        const facts = await readFacts(artifact.data, artifact.path, {
          rules: options.rules,
          maxStrings: options.maxStrings ?? 500_000,
          readSibling: artifact.readSibling,
        });
        bundle.artifacts.push({
          path: artifact.path,
          parent: artifact.parent,
          size: artifact.size,
          format: facts.format,
          sha256: createHash('sha256').update(artifact.data).digest('hex'),
        });
        for (const n of facts.notices) ctx.notify({ ...n, artifact: n.artifact ?? artifact.path });
        for (const v of visitors) v.artifact?.(facts);
      }
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      bundle.fatal = { level: 'error', id: e.id, message: e.message, artifact: input };
      bundle.notices.push(bundle.fatal);
    }
    for (const v of visitors) v.end?.();
    bundle.findings.sort(compareFindings);
  }
  return { bundles, startTime, endTime: new Date(), files, bytes };
}
