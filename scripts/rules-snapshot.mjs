#!/usr/bin/env node
// Part of `npm run build`: validates rules/ once with the compiled schemas and writes dist/rules.snapshot.json,
// which the compiled CLI loads instead of the YAML while its digest matches (scanner/rules/snapshot.ts).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const { loadRuleData, defaultRulesDir } = await import(resolve(ROOT, 'dist/scanner/rules/pack.js'));
const { makeRulesSnapshot, defaultSnapshotFile } = await import(resolve(ROOT, 'dist/scanner/rules/snapshot.js'));
const dir = defaultRulesDir();
const out = defaultSnapshotFile(dir);
writeFileSync(out, JSON.stringify(makeRulesSnapshot(dir, loadRuleData(dir))));
console.log(`rules snapshot: ${out}`);
