// RTC304 RtcSessionWithoutMediaEncryption: the app starts sessions with a vendor that offers app-controlled
// media encryption, but nothing in the whole bundle calls it. Concluded in end(), over every artifact.
import type { Facts } from '../core/facts.js';
import type { Check, CheckContext } from '../core/finding.js';
import { appApiUses, renderArgs, useIdentity, jurisdictionOf, type AppApiUse } from './vendor-calls.js';

/** Findings per vendor at most: one per distinct join site is useful, hundreds are not. */
const MAX_PER_VENDOR = 20;

/** A session call that sets its own media encryption (a UI kit's `encryption` prop: the `key` role, present and not null). */
function configuresEncryption(use: AppApiUse): boolean {
  const key = use.args.key;
  if ((use.kind !== 'join' && use.kind !== 'init') || !key) return false;
  return !(key.kind === 'undefined' || key.kind === 'null' || (key.kind === 'boolean' && !key.value));
}

export const encryptionCheck: Check = {
  id: 'encryption',
  reports: ['RTC304'],
  literalReads: 'none',
  create(ctx: CheckContext) {
    const sessions = new Map<string, AppApiUse[]>();
    const encrypted = new Set<string>();
    return {
      artifact(facts: Facts) {
        for (const use of appApiUses(facts, ctx.rules)) {
          if (use.kind === 'encryption' || configuresEncryption(use)) encrypted.add(use.vendor.id);
          else if (use.kind === 'join' || use.kind === 'init') sessions.set(use.vendor.id, [...(sessions.get(use.vendor.id) ?? []), use]);
        }
      },
      end() {
        for (const [vendorId, uses] of sessions) {
          const vendor = ctx.rules.vendorById.get(vendorId);
          if (!vendor || encrypted.has(vendorId)) continue;
          const encApis = vendor.apis.filter((a) => a.kind === 'encryption');
          if (!encApis.length) continue;
          const namesFor = (use: AppApiUse) => {
            // Name the encryption APIs of the session's own platform (JS for JS calls, android for DEX, ios for selectors).
            const platform = use.api?.platform ?? (use.route === 'dex-call' ? 'android' : use.route === 'js-call' ? 'js' : 'ios');
            const same = encApis.filter((a) => a.platform === platform);
            // A generic method names its literal: `startPlugin("CustomEncryption")`, not any startPlugin call.
            const named = (a: (typeof encApis)[number]) => {
              const name = a.method ?? a.selector ?? a.id;
              const values = a.argValues;
              if (!values) return name;
              const last = Math.max(...Object.keys(values).map(Number));
              return `${name}(${Array.from({ length: last + 1 }, (_, i) => (values[String(i)] !== undefined ? JSON.stringify(values[String(i)]) : '…')).join(', ')})`;
            };
            return [...new Set((same.length ? same : encApis).map(named))].join(', ');
          };
          // Report at the joins; an app whose joins were not seen (e.g. only init resolved) is reported at init.
          const joins = uses.filter((u) => u.kind === 'join');
          const sites = joins.length ? joins : uses;
          const seen = new Set<string>();
          for (const use of sites) {
            const identity = useIdentity(use, 'no-media-encryption');
            if (seen.has(identity) || seen.size >= MAX_PER_VENDOR) continue;
            seen.add(identity);
            const call = use.resolved ? `${use.callee}(${renderArgs(use.args, ctx.showSecrets)})` : use.callee;
            ctx.report({
              ruleId: 'RTC304',
              ...(use.weak ? { level: 'note' as const } : {}),
              message:
                `${vendor.name} session (${use.apiId}: ${call}) without app-controlled media encryption: nothing in the bundle calls ${namesFor(use)}. ` +
                `Media and session metadata (channel name, uid) are then protected at most hop-by-hop, so they are visible to ${vendor.name} ` +
                `(${vendor.entity === 'protocol' ? 'an open protocol: whoever operates the servers the app configures' : `jurisdiction ${jurisdictionOf(vendor)}`}) and, where the SDK transport is unencrypted, to the network path.` +
                (use.weak ? (use.route === 'dart-aot' ? ' (Session seen only as plugin code the Dart AOT snapshot keeps.)' : ' (Session seen only as a selector reference.)') : ''),
              location: use.location,
              properties: {
                category: 'no-media-encryption',
                vendor: vendor.id,
                api: use.apiId,
                route: use.route,
                ...(vendor.entity === 'protocol' ? {} : { jurisdiction: vendor.jurisdiction.country }),
                ...(vendor.jurisdiction.regime ? { regime: vendor.jurisdiction.regime } : {}),
              },
              identity,
            });
          }
        }
      },
    };
  },
};
