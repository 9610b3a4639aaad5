// Runs the dataflow analysis on every labelled fixture and compares the flows with the labels exactly:
// a flow on an unlabelled or @noflow line is a false positive, a label without a flow is a false negative.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { analyzeFlows, classifySink } from '../../scanner/formats/js/flow/index.js';
import { loadRulePack } from '../../scanner/rules/pack.js';
import { labelledFiles, metrics, scoreFile } from './precision.mjs';

const rules = loadRulePack();
const files = labelledFiles(join(import.meta.dirname, 'fixtures'));

describe('labelled flow fixtures', () => {
  it('has fixtures for every sink kind, propagation kind and negative', () => {
    const names = files.map((f) => f.split('/').pop());
    for (const kind of ['fetch', 'xhr', 'axios', 'beacon', 'websocket', 'eventsource', 'socketio', 'image', 'rtc', 'react-native']) {
      expect(names).toContain(`sink-${kind}.js`);
    }
    for (const kind of ['interprocedural', 'objects', 'urlsearchparams', 'strings', 'class']) expect(names).toContain(`prop-${kind}.js`);
    for (const kind of ['logging', 'loopback', 'comments', 'nosink']) expect(names).toContain(`neg-${kind}.js`);
  });

  for (const file of files) {
    it(file.split('/').pop()!, () => {
      const r = scoreFile(file, { analyzeFlows, classifySink, rules });
      const fp = [...r.actual].filter((k) => !r.expected.has(k)).sort();
      const fn = [...r.expected].filter((k) => !r.actual.has(k)).sort();
      expect({ falsePositives: fp, falseNegatives: fn }).toEqual({ falsePositives: [], falseNegatives: [] });
      expect(r.notices).toEqual([]);
      for (const f of r.flows) {
        // Every step can be traced: a real position and a message.
        expect(f.steps.length).toBeGreaterThanOrEqual(2);
        for (const s of f.steps) {
          expect(s.line).toBeGreaterThanOrEqual(1);
          expect(s.column).toBeGreaterThanOrEqual(1);
          expect(s.message.length).toBeGreaterThan(0);
        }
        if (f.sink.kind === 'rtc-sdk') expect(f.sink.vendor).toBe('agora');
        if (f.sink.host) expect(f.sink.scheme).toMatch(/^(https?|wss?)$/);
      }
    });
  }

  it('scores 100% precision and recall on cleartext flows over the fixtures', () => {
    const m = metrics(files.map((f) => scoreFile(f, { analyzeFlows, classifySink, rules })));
    expect(m.cleartext.tp).toBeGreaterThanOrEqual(40);
    expect(m.cleartext.precision).toBe(1);
    expect(m.cleartext.recall).toBe(1);
  });
});

// Held-out samples were labelled before the analysis first ran on them; their score is a regression floor, not an
// exact match (see the report for the known misses: a conditional base URL, and naming `user.id` vs `userId`).
describe('held-out samples', () => {
  const heldout = labelledFiles(join(import.meta.dirname, 'heldout'));
  it('keeps cleartext precision and recall at or above 90%', () => {
    expect(heldout.length).toBeGreaterThanOrEqual(3);
    const m = metrics(heldout.map((f) => scoreFile(f, { analyzeFlows, classifySink, rules })));
    expect(m.cleartext.tp).toBeGreaterThanOrEqual(10);
    expect(m.cleartext.precision).toBeGreaterThanOrEqual(0.9);
    expect(m.cleartext.recall).toBeGreaterThanOrEqual(0.9);
  });
});
