import { describe, expect, it } from 'vitest';
import { headOf, headsOf } from './exact-keys.js';

describe('exact-key heads', () => {
  const keys = ['AgoraRTC', 'livekit.SignalRequest', '', '😀x', 'a'];
  const heads = headsOf(keys);
  it('lets every key through, the empty one too', () => {
    for (const k of keys) expect(heads.has(headOf(k))).toBe(true);
  });
  it('rejects strings of another length or first code unit (a data line above all)', () => {
    for (const other of ['BgoraRTC', 'AgoraRTCx', 'livekit', 'b', 'x😀', '{"id":0,"name":"row 0 of set 0"},']) expect(heads.has(headOf(other))).toBe(false);
  });
  it('is a gate, not the lookup: a string with a key’s head still goes to the map', () => {
    expect(heads.has(headOf('AgoraRTc'))).toBe(true);
  });
});
