#!/usr/bin/env node
// Part of `npm run build`: validates rules/ once with the compiled schemas and writes dist/rules.snapshot.json,
// which the compiled CLI loads instead of the YAML while its digest matches (scanner/rules/snapshot.ts), with the
// tables of the rule pack's two keyword automata (the JS prefilter's and the checks' string scan's), which a scan
// would otherwise build (their arrays in dist/rules.snapshot.bin).
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const { loadRuleData, defaultRulesDir } = await import(resolve(ROOT, 'dist/scanner/rules/pack.js'));
const { makeRulesSnapshot, writeRulesSnapshot, defaultSnapshotFile } = await import(resolve(ROOT, 'dist/scanner/rules/snapshot.js'));
const { packFromData } = await import(resolve(ROOT, 'dist/scanner/rules/rule-pack.js'));
const { keywordAutomaton } = await import(resolve(ROOT, 'dist/scanner/rules/keywords.js'));
const { sharedAutomaton } = await import(resolve(ROOT, 'dist/scanner/checks/string-scan.js'));
const dir = defaultRulesDir();
const out = defaultSnapshotFile(dir);
const data = loadRuleData(dir);
const pack = packFromData(data);
writeRulesSnapshot(out, makeRulesSnapshot(dir, data, [keywordAutomaton(pack).tables(), sharedAutomaton(pack).automaton.tables()]));
console.log(`rules snapshot: ${out}`);
