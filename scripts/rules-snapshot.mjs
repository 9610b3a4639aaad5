#!/usr/bin/env node
// Part of `npm run build`: validates rules/ once with the compiled schemas and writes dist/rules.snapshot.json,
// which the compiled CLI loads instead of the YAML while its digest matches (scanner/rules/snapshot.ts), with the
// tables of the rule pack's keyword automaton (the JS prefilter's), which a scan would otherwise build.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const { loadRuleData, defaultRulesDir } = await import(resolve(ROOT, 'dist/scanner/rules/pack.js'));
const { makeRulesSnapshot, defaultSnapshotFile } = await import(resolve(ROOT, 'dist/scanner/rules/snapshot.js'));
const { packFromData } = await import(resolve(ROOT, 'dist/scanner/rules/rule-pack.js'));
const { keywordAutomaton } = await import(resolve(ROOT, 'dist/scanner/rules/keywords.js'));
const dir = defaultRulesDir();
const out = defaultSnapshotFile(dir);
const data = loadRuleData(dir);
writeFileSync(out, JSON.stringify(makeRulesSnapshot(dir, data, [keywordAutomaton(packFromData(data)).tables()])));
console.log(`rules snapshot: ${out}`);
