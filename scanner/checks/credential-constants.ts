// Credentials an app passes to a vendor API by the name of a constant another source file declares:
// `AgoraRtmKit(appId: AppId.id, delegate: nil)` with `class AppId { static let id = "0d75…" }` in AppId.swift. The
// call gives the role (as for a literal argument); the declaration is where the value is, so that is the finding.
// Source readers offer their string constants (`CodeModel.constants`); this joins them once every file is read.
import type { Facts } from '../core/facts.js';
import type { CredentialRule, VendorRule } from '../rules/schema.js';
import type { AppApiUse } from './vendor-calls.js';

type CredentialRole = 'appId' | 'appSecret' | 'token';

const NAME = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;
const MAX_CONSTANTS = 50_000;
const MAX_PENDING = 2_000;

export interface ConstantCredential {
  vendor: VendorRule;
  kind: CredentialRule['kind'];
  role: CredentialRole;
  value: string;
  rule?: CredentialRule;
  /** Where the constant is declared. */
  artifact: string;
  line: number;
  /** The call that passes it. */
  callee: string;
  use: AppApiUse;
}

interface Pending {
  use: AppApiUse;
  role: CredentialRole;
  kind: CredentialRule['kind'];
  name: string;
}

export class ConstantCredentials {
  private readonly constants = new Map<string, Array<{ artifact: string; line: number; value: string }>>();
  private readonly bySuffix = new Map<string, string[]>();
  private count = 0;
  private readonly pending: Pending[] = [];

  /** The string constants a source file declares. */
  addConstants(facts: Facts): void {
    for (const c of facts.code?.platform ? (facts.code.constants ?? []) : []) {
      if (c.value.kind !== 'string' || this.count >= MAX_CONSTANTS) continue;
      const list = this.constants.get(c.name);
      if (list) list.push({ artifact: facts.artifact, line: c.line, value: c.value.value });
      else {
        this.constants.set(c.name, [{ artifact: facts.artifact, line: c.line, value: c.value.value }]);
        const last = c.name.slice(c.name.lastIndexOf('.') + 1);
        const names = this.bySuffix.get(last) ?? [];
        names.push(c.name);
        this.bySuffix.set(last, names);
      }
      this.count++;
    }
  }

  /** A credential argument the call passes by a qualified name (`AppId.id`, `KeyCenter.AppID`). */
  addArgument(use: AppApiUse, role: CredentialRole, kind: CredentialRule['kind']): void {
    const v = use.args[role];
    if (v?.kind !== 'unknown' || !NAME.test(v.text) || this.pending.length >= MAX_PENDING) return;
    this.pending.push({ use, role, kind, name: v.text });
  }

  /** The credentials found: each pending name declared once in the app, with a value the vendor's rule accepts. */
  resolve(): ConstantCredential[] {
    const out: ConstantCredential[] = [];
    for (const p of this.pending) {
      let list = this.constants.get(p.name);
      if (!list) {
        const names = (this.bySuffix.get(p.name.slice(p.name.lastIndexOf('.') + 1)) ?? []).filter((n) => n.endsWith('.' + p.name));
        if (names.length === 1) list = this.constants.get(names[0]!);
      }
      // Several declarations of the name: no way to tell which one the caller sees.
      if (list?.length !== 1) continue;
      const c = list[0]!;
      if (!c.value || /\s/.test(c.value)) continue;
      const rules = p.use.vendor.credentials.filter((r) => r.kind === p.kind);
      const rule = rules.find((r) => new RegExp(r.regex).test(c.value));
      // A token must have a token's shape; an id or secret the role makes certain (as a literal argument's).
      if (!rule && (p.kind === 'token' || !rules.length)) continue;
      out.push({ vendor: p.use.vendor, kind: p.kind, role: p.role, value: c.value, ...(rule ? { rule } : rules[0] ? { rule: rules[0] } : {}), artifact: c.artifact, line: c.line, callee: p.use.callee, use: p.use });
    }
    return out;
  }
}
