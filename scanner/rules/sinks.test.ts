import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { defaultRulesDir, loadRulePack } from './pack.js';
import { SinkRules, loadSinkRules } from './sinks.js';
import { RuleError } from './rule-file.js';

describe('rules/sinks.yaml', () => {
  it('validates and covers every sink kind the dataflow reports', () => {
    const rules = loadSinkRules(join(defaultRulesDir(), 'sinks.yaml'));
    const kinds = new Set(rules.sinks.map((s) => s.kind));
    for (const k of ['fetch', 'xhr', 'axios', 'beacon', 'websocket', 'eventsource', 'socket.io', 'image']) expect(kinds).toContain(k);
    expect(rules.rtcRoles).toEqual(['uid', 'channel']);
    // The rule pack carries them for the JS reader.
    expect(loadRulePack().sinks?.sinks.length).toBe(rules.sinks.length);
  });

  it('rejects a match with two shapes, and duplicate ids', () => {
    const bad = SinkRules.safeParse({ sinks: [{ id: 'x', kind: 'fetch', verb: 'sent', match: { call: ['a'], new: ['b'] } }] });
    expect(bad.success).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'sinks-'));
    const file = join(dir, 'sinks.yaml');
    writeFileSync(file, 'sinks:\n  - { id: a, kind: fetch, verb: s, match: { call: [fetch] } }\n  - { id: a, kind: fetch, verb: s, match: { call: [f] } }\n');
    expect(() => loadSinkRules(file)).toThrow(RuleError);
    writeFileSync(file, 'sinks: [ {');
    expect(() => loadSinkRules(file)).toThrow(/cannot parse/);
  });
});
