import { describe, expect, it } from 'vitest';
import { nameMatcher, normalizeName, splitWords } from './names.js';
import { Vocabulary } from '../../../rules/vocabulary.js';
import { loadRulePack } from '../../../rules/pack.js';

describe('identifier names', () => {
  it('splits camelCase, snake_case, kebab and acronyms into words', () => {
    expect(splitWords('strRoomId')).toEqual(['str', 'room', 'id']);
    expect(splitWords('user_id')).toEqual(['user', 'id']);
    expect(splitWords('remoteUID')).toEqual(['remote', 'uid']);
    expect(splitWords('HTTPUserId')).toEqual(['http', 'user', 'id']);
    expect(normalizeName('USER-ID')).toBe('userid');
  });

  const m = nameMatcher(Vocabulary.parse({ identifiers: [{ name: 'uid', designates: 'user' }, { name: 'roomId', designates: 'room' }] }));

  it('matches whole names and trailing words, case- and separator-insensitively', () => {
    for (const n of ['uid', 'UID', 'remoteUid', 'local_uid', 'roomId', 'room_id', 'ROOMID', 'strRoomId', 'my-room-id']) {
      expect(m.match(n)?.entry, n).toBeDefined();
    }
    expect(m.match('strRoomId')).toEqual({ entry: 'roomId', designates: 'room' });
  });

  it('does not match inside words or on leading words', () => {
    for (const n of ['fluid', 'druid', 'squid', 'uidList', 'roomIds', 'room', 'id', '', 'x'.repeat(200)]) {
      expect(m.match(n), n).toBeUndefined();
    }
  });

  it('reads the shipped vocabulary (configurable in rules/vocabulary.yaml)', () => {
    const shipped = nameMatcher(loadRulePack().vocabulary);
    for (const n of ['uid', 'userId', 'user_id', 'roomId', 'channelName', 'channelId', 'sessionId', 'deviceId', 'phone']) {
      expect(shipped.match(n), n).toBeDefined();
    }
    expect(shipped.match('channel')).toBeUndefined();
  });
});
