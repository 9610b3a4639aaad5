#!/usr/bin/env node
// Copies the committed build outputs listed in binaries.yaml (`scan`) out of git mirrors of the repositories into
// OUT/<owner>+<name>/<as>, the layout run-binaries.mjs scans. Reads blobs by id (checked against the recorded size);
// a `member` is taken out of a committed zip/jar with `unzip -p`. Fetches nothing and builds nothing.
//   node eval/realapps/extract-binaries.mjs --mirrors /work/.mirror --out /tmp/apks [--labels FILE]
// MIRRORS/<owner>+<name>/repo (or MIRRORS/<owner>+<name>) must be a clone or bare mirror holding the blobs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { arg, root } from './args.mjs';

const mirrors = arg('--mirrors');
const out = arg('--out');
if (!mirrors || !out) {
  console.error('usage: node eval/realapps/extract-binaries.mjs --mirrors DIR --out DIR [--labels FILE]');
  process.exit(2);
}
const labels = parse(readFileSync(resolve(arg('--labels') ?? join(root, 'eval/realapps/binaries.yaml')), 'utf8'));
let failed = 0;
for (const app of labels.apps ?? []) {
  const name = app.repo.replace('/', '+');
  const gitDir = [join(mirrors, name, 'repo'), join(mirrors, name)].find((d) => existsSync(d));
  if (!gitDir) {
    console.error(`skip ${app.repo}: no mirror under ${mirrors}`);
    continue;
  }
  for (const item of app.scan ?? []) {
    const blob = execFileSync('git', ['-C', gitDir, 'cat-file', 'blob', item.blob], { maxBuffer: 1 << 28 });
    if (blob.length !== item.size) {
      console.error(`${app.repo} ${item.path}: blob ${item.blob} has ${blob.length} bytes, binaries.yaml says ${item.size}`);
      failed++;
      continue;
    }
    let bytes = blob;
    if (item.member) {
      const tmp = mkdtempSync(join(tmpdir(), 'rtcscan-extract-'));
      writeFileSync(join(tmp, 'a.zip'), blob);
      bytes = execFileSync('unzip', ['-p', join(tmp, 'a.zip'), item.member], { maxBuffer: 1 << 28 });
      rmSync(tmp, { recursive: true, force: true });
    }
    const target = join(out, name, item.as);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
  console.log(`${app.repo}: ${(app.scan ?? []).map((s) => s.as).join(', ')}`);
}
process.exit(failed ? 1 : 0);
