// The GitHub Action (action.yml) run the way the runner runs a composite action: its `run:` steps, in order, with
// bash, `${{ inputs.* }}` taken from the step's `with:` (or the input defaults), GITHUB_ACTION_PATH at a fresh copy
// of this repository's files, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY as files we read back.
// The install step runs for real: `npm ci --omit=dev` and the TypeScript build, from npm's cache (npm_config_offline:
// this test never reaches the network; CI's own `npm ci` filled the cache with every locked tarball).
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, tempDir } from '../helpers/cli.js';

interface Step {
  name?: string;
  id?: string;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
  uses?: string;
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};

/** `${{ inputs.x }}` and `${{ github.action_path }}`; any other expression is a test failure, not a guess. */
function expand(text: string, inputs: Record<string, string>, actionPath: string): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    const m = /^inputs\.([\w-]+)$/.exec(expr);
    if (m) {
      if (!(m[1] in action.inputs)) throw new Error(`action.yml uses an undeclared input ${m[1]}`);
      return inputs[m[1]] ?? action.inputs[m[1]].default ?? '';
    }
    if (expr === 'github.action_path') return actionPath;
    throw new Error(`the test cannot evaluate \${{ ${expr} }}`);
  });
}

interface StepRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

function runStep(step: Step, inputs: Record<string, string>, actionPath: string, workspace: string, extraEnv: Record<string, string> = {}): StepRun {
  expect(step.shell).toBe('bash');
  const out = join(workspace, `.out-${step.id ?? 'step'}-${Math.random().toString(36).slice(2)}`);
  const summary = `${out}.md`;
  writeFileSync(out, '');
  writeFileSync(summary, '');
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...extraEnv, GITHUB_ACTION_PATH: actionPath, GITHUB_OUTPUT: out, GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: workspace };
  for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v, inputs, actionPath);
  // The runner runs `bash --noprofile --norc -eo pipefail {0}` on a file holding the step's script.
  const script = join(workspace, `.step-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(script, expand(step.run!, inputs, actionPath));
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: workspace, env, encoding: 'utf8', timeout: 900_000, maxBuffer: 64 * 1024 * 1024 });
  const outputs: Record<string, string> = {};
  for (const line of readFileSync(out, 'utf8').split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) outputs[line.slice(0, i)] = line.slice(i + 1);
  }
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, outputs, summary: readFileSync(summary, 'utf8') };
}

/** The action's outputs as the runner maps them: `${{ steps.<id>.outputs.<name> }}`. */
function actionOutputs(stepOutputs: Record<string, Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(action.outputs).map(([name, o]) => {
      const m = /^\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}$/.exec(o.value);
      if (!m) throw new Error(`output ${name}: ${o.value}`);
      return [name, stepOutputs[m[1]]?.[m[2]] ?? ''];
    }),
  );
}

function runAction(inputs: Record<string, string>, actionPath: string, workspace: string) {
  for (const [name, spec] of Object.entries(action.inputs)) if (spec.required && !(name in inputs)) throw new Error(`missing required input ${name}`);
  const steps: StepRun[] = [];
  const byId: Record<string, Record<string, string>> = {};
  for (const step of action.runs.steps) {
    const r = runStep(step, inputs, actionPath, workspace, { npm_config_offline: 'true' });
    steps.push(r);
    if (step.id) byId[step.id] = r.outputs;
    if (r.code !== 0) break; // the runner stops at a failing step
  }
  return { steps, outputs: actionOutputs(byId), summary: steps.map((s) => s.summary).join('') };
}

/** This repository as the runner checks the action out: the committed files (and those about to be). */
function copyOfRepository(): string {
  const dest = tempDir('rtcscan-action-');
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter((f) => f && existsSync(join(ROOT, f)));
  for (const f of files) {
    if (/^(samples|reports|test|bench)\//.test(f)) continue; // not used by the action; keeps the copy small
    mkdirSync(dirname(join(dest, f)), { recursive: true });
    copyFileSync(join(ROOT, f), join(dest, f));
  }
  return dest;
}

describe('action.yml', () => {
  it('is a composite action of bash run steps; every input it uses is declared; outputs come from the scan step', () => {
    expect(action.runs.using).toBe('composite');
    for (const s of action.runs.steps) {
      expect(s.uses, 'no third-party action inside ours').toBeUndefined();
      expect(s.shell).toBe('bash');
      // Inputs reach scripts as environment variables only, never spliced into the script text.
      expect(s.run).not.toMatch(/\$\{\{/);
    }
    expect(Object.keys(action.inputs).sort()).toEqual(['baseline', 'category', 'config', 'fail-on', 'paths', 'sarif']);
    expect(Object.keys(action.outputs)).toEqual(expect.arrayContaining(['sarif', 'results', 'errors', 'warnings', 'notes', 'new', 'exit-code']));
  });

  describe('run from a fresh copy of the repository', () => {
    let actionPath: string;
    let install: StepRun;
    beforeAll(() => {
      actionPath = copyOfRepository();
      const r = runStep(action.runs.steps[0], {}, actionPath, tempDir(), { npm_config_offline: 'true' });
      install = r;
    }, 1_200_000);

    it('installs without dev dependencies or install scripts, and builds the CLI', () => {
      expect(install.code, install.stderr.slice(-2000)).toBe(0);
      expect(install.stdout).toMatch(/rtcscan \d+\.\d+\.\d+ ready in /);
      expect(existsSync(join(actionPath, 'dist/scanner/cli/main.js'))).toBe(true);
      expect(existsSync(join(actionPath, 'node_modules/typescript')), 'no dev dependency installed').toBe(false);
      expect(existsSync(join(actionPath, 'node_modules/vitest'))).toBe(false);
    });

    it('builds the same dist/ as the type-checked build of this repository (npm test compiles it first)', () => {
      const list = (root: string) => execFileSync('find', ['.', '-type', 'f'], { cwd: join(root, 'dist'), encoding: 'utf8' }).split('\n').filter(Boolean).sort();
      // V8's code caches (scripts/code-cache.mjs) hold what a warm run compiled, not a function of the sources: present
      // in both, the same files otherwise.
      const v8cache = (f: string) => f.endsWith('.v8cache');
      expect(list(actionPath).filter(v8cache)).toEqual(['./cli/babel.cjs.v8cache', './cli/blob-worker.body.cjs.v8cache', './cli/commands.cjs.v8cache', './cli/script-worker.body.cjs.v8cache']);
      const files = list(actionPath).filter((f) => !v8cache(f));
      expect(files).toEqual(list(ROOT).filter((f) => !v8cache(f)));
      for (const f of files) expect(readFileSync(join(actionPath, 'dist', f)).equals(readFileSync(join(ROOT, 'dist', f))), f).toBe(true);
    });

    it('fails the step on an error, after writing the SARIF, the outputs and a job summary', () => {
      const ws = tempDir('rtcscan-ws-');
      mkdirSync(join(ws, 'build'));
      copyFileSync(join(ROOT, 'samples/android/club.apk'), join(ws, 'build/club.apk'));
      const run = runAction({ paths: 'build/club.apk\n', sarif: 'out/rtcscan.sarif' }, actionPath, ws);
      const scan = run.steps[1];
      expect(scan.code).toBe(1);
      expect(run.outputs['exit-code']).toBe('1');
      expect(run.outputs.sarif).toBe('out/rtcscan.sarif');
      const sarif = JSON.parse(readFileSync(join(ws, 'out/rtcscan.sarif'), 'utf8'));
      const results = sarif.runs[0].results;
      expect(Number(run.outputs.results)).toBe(results.length);
      expect(Number(run.outputs.errors)).toBe(results.filter((r: any) => r.level === 'error').length);
      expect(Number(run.outputs.errors)).toBeGreaterThan(0);
      expect(Number(run.outputs.warnings) + Number(run.outputs.notes) + Number(run.outputs.errors)).toBe(results.length);
      expect(run.outputs.new).toBe('0');
      expect(sarif.runs[0].automationDetails.id).toBe('rtcscan/android/');
      expect(run.summary).toMatch(new RegExp(`^### rtcscan\\n\\n\\*\\*${run.outputs.errors} error\\(s\\), ${run.outputs.warnings} warning\\(s\\), ${run.outputs.notes} note\\(s\\)\\*\\*`));
      // The table by rule and level adds up to the counts.
      const sums: Record<string, number> = {};
      for (const m of run.summary.matchAll(/^\| RTC\d{3} \w+ — .+ \| (error|warning|note) \| (\d+) \|$/gm)) sums[m[1]] = (sums[m[1]] ?? 0) + Number(m[2]);
      expect(sums).toEqual({ error: Number(run.outputs.errors), warning: Number(run.outputs.warnings), note: Number(run.outputs.notes) });
      expect(run.summary).toMatch(/<details><summary>Text report<\/summary>/);
      // The progress goes to the log, with totals.
      expect(scan.stderr).toMatch(/entries/);
    });

    it('with a baseline, the job summary is the release diff; fail-on none passes; category is used', () => {
      const ws = tempDir('rtcscan-ws-');
      const old = runAction({ paths: join(ROOT, 'samples/web-1.0/dist'), 'fail-on': 'none', sarif: 'old.sarif', category: 'web-app/' }, actionPath, ws);
      expect(old.steps[1].code).toBe(0);
      const next = runAction({ paths: join(ROOT, 'samples/web/dist'), 'fail-on': 'none', sarif: 'new.sarif', category: 'web-app/', baseline: 'old.sarif' }, actionPath, ws);
      expect(next.steps[1].code, next.steps[1].stderr).toBe(0);
      expect(next.summary).toMatch(/^### rtcscan release diff\n\n`old\.sarif` → `new\.sarif`: \*\*/);
      expect(next.summary).toMatch(/\| \| appeared \| went away \| unchanged \|/);
      const sarif = JSON.parse(readFileSync(join(ws, 'new.sarif'), 'utf8'));
      expect(sarif.runs[0].automationDetails.id).toBe('web-app/');
      const fresh = sarif.runs[0].results.filter((r: any) => r.baselineState === 'new').length;
      expect(Number(next.outputs.new)).toBe(fresh);
      expect(fresh).toBeGreaterThan(0);
    });

    it('a missing path: exit 2, no SARIF, the summary says so', () => {
      const ws = tempDir('rtcscan-ws-');
      const run = runAction({ paths: 'build/missing.ipa' }, actionPath, ws);
      expect(run.steps[1].code).toBe(2);
      expect(run.outputs.sarif).toBe('');
      expect(existsSync(join(ws, 'rtcscan.sarif'))).toBe(false);
      expect(run.steps[1].stderr).toMatch(/^rtcscan: no such file or directory: build\/missing\.ipa$/m);
      expect(run.summary).toMatch(/No report was written \(exit code 2\)/);
    });

    it('the GitLab recipe (docs/gitlab-ci.example.yml, the same as the README): its script from the clone on writes a valid SAST report', async () => {
      const job = parse(readFileSync(join(ROOT, 'docs/gitlab-ci.example.yml'), 'utf8')).rtcscan as { variables: Record<string, string>; script: string[]; artifacts: any };
      const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
      for (const line of job.script) expect(readme, 'README recipe matches the example file').toContain(line);
      expect(job.artifacts.reports.sast).toBe('gl-sast-report.json');
      // The clone is this copy (the network is not used here); the rest runs as written.
      const script = job.script.filter((l) => !/^git (clone|-C)\b/.test(l)).map((l) => l.replaceAll('/tmp/rtcscan', actionPath));
      expect(script).toHaveLength(2);
      const ws = tempDir('rtcscan-gl-');
      mkdirSync(join(ws, 'build'));
      copyFileSync(join(ROOT, 'samples/ios/Club.ipa'), join(ws, 'build/Club.ipa'));
      const r = spawnSync('bash', ['-eo', 'pipefail', '-c', script.join('\n')], { cwd: ws, env: { ...process.env, ...job.variables, npm_config_offline: 'true' }, encoding: 'utf8', timeout: 900_000 });
      expect(r.stdout).toMatch(/already installed/);
      expect(r.status, r.stderr.slice(-2000)).toBe(1); // the sample has errors: the job fails, the report is an artifact
      const { Ajv } = await import('ajv');
      const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'test/fixtures/gitlab/sast-report-format-15.0.7.json'), 'utf8')));
      const report = JSON.parse(readFileSync(join(ws, 'gl-sast-report.json'), 'utf8'));
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
      expect(report.vulnerabilities.length).toBeGreaterThan(0);
      expect(report.vulnerabilities[0].location.file).toMatch(/^build\/Club\.ipa!\//);
    });

    it('a path that looks like an option is a path, and shell text in an input is not run', () => {
      const ws = tempDir('rtcscan-ws-');
      writeFileSync(join(ws, '--help'), 'fetch("https://api.agora.io/x");\n');
      const run = runAction({ paths: '--help\n$(touch pwned)`touch pwned2`', 'fail-on': 'none' }, actionPath, ws);
      expect(existsSync(join(ws, 'pwned'))).toBe(false);
      expect(existsSync(join(ws, 'pwned2'))).toBe(false);
      expect(run.steps[1].stderr).toMatch(/no such file or directory: \$\(touch pwned\)`touch pwned2`/);
    });
  });
});
