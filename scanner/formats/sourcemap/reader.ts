// Source maps as artifacts of their own. A map is consumed through the bundle that references it (the JS reader
// traces positions with it), so reading it again as text would only repeat the bundle's findings at the map.
import { emptyFacts } from '../../core/facts.js';
import type { FormatReader } from '../reader.js';

export const sourceMapReader: FormatReader = {
  id: 'sourcemap',
  sniff(head, path) {
    if (!/\.map$/i.test(path)) return false;
    const start = head.toString('utf8', 0, Math.min(head.length, 512)).replace(/^\)\]\}'[^\n]*\n/, '').trimStart();
    return start.startsWith('{') && start.includes('"version"');
  },
  read(data, path) {
    const facts = emptyFacts(path, 'sourcemap', true);
    facts.meta.size = String(data.length);
    return facts;
  },
};
