// A bare `id` in a URL path is named by the resource the path names (scanner/formats/js/flow/interpreter.ts,
// queryKeySource): `/users/${id}` is a user id, `/friend/set_star/${id}` a friend's (a user's); an `id` of another
// resource, or a value that is not an `id`, stays unnamed; a resource outside the vocabulary (`/group/get_info/${id}`)
// names a candidate that counts only when the app passes a value of that name to an RTC API.
// Fixture: test/fixtures/url-path-ids (made-up host).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { ROOT } from '../helpers/cli.js';

describe('identifiers named by the URL path', () => {
  it('reports the user, friend and room ids in REST paths, and nothing for other resources', async () => {
    const result = await scan({ inputs: [join(ROOT, 'test/fixtures/url-path-ids')], rules: defaultRulePack(), workers: 0 });
    const flows = result.bundles.flatMap((b) => b.findings).filter((f) => f.ruleId === 'RTC301');
    expect(flows.map((f) => `${f.location?.artifact.split('/').pop()}:${f.location?.line} ${String(f.properties.identifier)}`).sort()).toEqual([
      'api.js:10 rooms/id',
      'api.js:4 users/id',
      'api.js:7 friend/id',
      'group.js:9 groupId',
    ]);
    expect(flows.every((f) => f.properties.host === '10.1.2.3')).toBe(true);
  }, 60_000);
});
