// Building blocks shared by the HTML report's sections (one module per section: html-*.ts). A section is a
// function of the page context returning escaped markup, so another view can plug in without touching the rest.
import type { Finding, Location } from '../core/finding.js';
import type { ScanResult } from '../engine/scan.js';
import type { RulePack } from '../rules/pack.js';
import { countryName } from '../jurisdiction/cctld.js';
import { html, Raw } from './html-escape.js';
import type { Overview } from './overview.js';
import { levelOf } from './text.js';
import type { ReportTriage } from './triage.js';

export type Level = 'error' | 'warning' | 'note';
export const LEVELS: Level[] = ['error', 'warning', 'note'];

/** Everything a section may read. */
export interface HtmlContext {
  result: ScanResult;
  rules: RulePack;
  triage: ReportTriage;
  /** Findings left to act on (suppressed ones removed). */
  findings: Finding[];
  suppressed: Finding[];
  overview: Overview;
}

/** One section of the page: its anchor and title for the navigation, and its markup. */
export interface HtmlSection {
  id: string;
  title: string;
  render(ctx: HtmlContext): Raw;
}

export function section(id: string, title: string, intro: string, body: Raw | undefined, empty: string): Raw {
  return html`<section id="${id}">
<h2>${title}</h2>
${intro ? html`<p class="muted">${intro}</p>` : ''}
${body ?? html`<p class="empty">${empty}</p>`}
</section>`;
}

export function location(l: Location): Raw {
  const pos = l.line !== undefined ? `:${l.line}${l.column !== undefined ? `:${l.column}` : ''}` : l.offset !== undefined ? ` @0x${l.offset.toString(16)}` : '';
  const orig = l.original ? html` <span class="original">(source <code>${l.original.path ?? l.original.source}:${l.original.line}:${l.original.column}</code>)</span>` : '';
  const snippet = l.snippet ? html`<code class="snippet">${l.snippet}</code>` : '';
  return html`<code>${l.artifact}${pos}</code>${orig}${snippet}`;
}

export function country(code: string): Raw {
  const name = countryName(code);
  return html`<span class="country">${name === code ? code : `${name} (${code})`}</span>`;
}

export function levelBadge(level: Level): Raw {
  return html`<span class="level level-${level}">${level}</span>`;
}

export function sortByLevel(list: Finding[], rules: RulePack): Finding[] {
  return [...list].sort((a, b) => LEVELS.indexOf(levelOf(a, rules)) - LEVELS.indexOf(levelOf(b, rules)));
}
