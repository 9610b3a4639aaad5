// The countries-of-concern view (./concern.ts) as a section of the HTML report: per vendor a policy flags, who it
// is and where it sits, the evidence in this build and which identifiers reach it, and what a static scan cannot
// show. Self-contained: toHtml appends it to the flows section's line, so a report without flagged vendors is
// byte-identical to one made without this section (it starts with its own line break when there is one).
import type { ScanResult } from '../engine/scan.js';
import type { RulePack } from '../rules/pack.js';
import { CONCERN_LIMITS, concernEntries, type ConcernEntry } from './concern.js';
import { html, join, Raw } from './html-escape.js';

const MAX_ENDPOINTS = 20;

export function concernSection(result: ScanResult, rules: RulePack): Raw {
  const entries = concernEntries(result, rules);
  if (!entries.length) return new Raw('');
  return html`
<section id="concern">
<h2>Countries of concern</h2>
<p class="muted">Vendors the scan policy flags (RTC502): legal entity and headquarters from rtcscan's vendor rules, the evidence in this build, and the identifiers that reach them.</p>
${join(entries.map(entry))}
<p class="muted">${CONCERN_LIMITS}</p>
</section>`;
}

function entry(e: ConcernEntry): Raw {
  const place = [e.country, e.regime, e.headquarters ? `headquarters ${e.headquarters}` : undefined].filter(Boolean).join(' · ');
  const endpoints = e.endpoints.slice(0, MAX_ENDPOINTS);
  return html`<article class="concern">
<h3>${e.name} <span class="muted">(${place})</span></h3>
<dl>
<dt>Flagged by</dt><dd>${e.deniedBy.length ? e.deniedBy.join(', ') : 'policy'}</dd>
${e.notes ? html`<dt>Entity</dt><dd>${e.notes.replace(/\s+/g, ' ')}</dd>` : ''}
<dt>SDK</dt><dd>${e.versions.length ? e.versions.join(', ') : 'version not found'}; ${e.sessions} session start(s)</dd>
<dt>Endpoints</dt><dd>${endpoints.length ? join(endpoints.map((h) => html`<code>${h}</code>`), ', ') : 'none found'}${e.endpoints.length > endpoints.length ? ` and ${e.endpoints.length - endpoints.length} more` : ''}</dd>
<dt>Region settings</dt><dd>${e.residency.length ? e.residency.join('; ') : 'none that keep traffic out of this jurisdiction were found'}</dd>
<dt>Identifiers reaching it</dt><dd>${e.identifiers.length ? e.identifiers.join('; ') : 'none seen'}${e.credentials ? `; ${e.credentials} credential(s) in the build` : ''}</dd>
${e.sources.length ? html`<dt>Sources</dt><dd>${join(e.sources.map((s) => html`<code>${s}</code>`), ' ')}</dd>` : ''}
</dl>
</article>`;
}
