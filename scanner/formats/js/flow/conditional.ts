// uni-app conditional compilation (https://uniapp.dcloud.net.cn/tutorial/platform.html): `// #ifdef APP-PLUS`,
// `/* #ifndef H5 */` … `#endif` keep code for some platforms only, so one source file holds several builds' values
// (`baseUrl` declared once for the app and once for H5). The dataflow follows the native app build — the build
// that ships an app's RTC SDK — and skips code kept only for other platforms.

/** Platform names the native app build defines (`APP-NVUE`/`APP-PLUS-NVUE` only in `.nvue` pages). */
const APP_PLATFORMS = new Set(['APP', 'APP-PLUS', 'APP-ANDROID', 'APP-IOS', 'APP-HARMONY']);
const NVUE_PLATFORMS = new Set(['APP-NVUE', 'APP-PLUS-NVUE']);
/** Names of other platforms (web, mini programs, quick apps); any other name (`VUE3`) is not decided here. */
const OTHER_PLATFORM = /^(H5|WEB|MP|MP-[A-Z0-9-]+|QUICKAPP-[A-Z0-9-]+|UNI-APP-X)$/;

const DIRECTIVE = /^[ \t]*(?:\/\/|\/\*|<!--)[ \t]*#(ifdef|ifndef|endif)\b([^\n]*)$/gm;

/** Offsets `[start, end)` of code the native app build leaves out, ascending; empty without directives. */
export function inactiveRanges(code: string, path: string | undefined): [number, number][] {
  if (!code.includes('#if')) return [];
  const nvue = path?.endsWith('.nvue') ?? false;
  const out: [number, number][] = [];
  // Per open block: whether it is left out (itself or by an enclosing block) and where it started.
  const open: { out: boolean; start: number }[] = [];
  for (const m of code.matchAll(DIRECTIVE)) {
    const at = m.index!;
    if (m[1] === 'endif') {
      const b = open.pop();
      if (b?.out && !open.some((o) => o.out)) out.push([b.start, at + m[0].length]);
      continue;
    }
    const defined = platformDefined(m[2]!, nvue);
    const left = defined === undefined ? false : m[1] === 'ifdef' ? !defined : defined;
    open.push({ out: left || open.some((o) => o.out), start: at });
  }
  return out;
}

/** Whether `H5 || MP-WEIXIN` holds in the native app build; undefined when a name is not a platform. */
function platformDefined(expr: string, nvue: boolean): boolean | undefined {
  const names = expr.replace(/\*\/|-->/g, '').split('||').map((n) => n.trim().toUpperCase());
  let any = false;
  for (const n of names) {
    if (APP_PLATFORMS.has(n) || (NVUE_PLATFORMS.has(n) && nvue)) any = true;
    else if (!NVUE_PLATFORMS.has(n) && !OTHER_PLATFORM.test(n)) return undefined;
  }
  return any;
}

/** True when `offset` lies in one of the ascending, disjoint `ranges`. */
export function inRanges(ranges: readonly [number, number][], offset: number): boolean {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid]![1] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < ranges.length && ranges[lo]![0] <= offset;
}
