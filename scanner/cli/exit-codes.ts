// The exit codes of `rtcscan scan`, shown by `scan --help` (kept here so that --help loads no scanner module).
/** Exit codes, for `scan --help` and the README. */
export const EXIT_CODES_HELP = `
Exit codes:
  0  no unsuppressed finding at or above --fail-on
  1  a finding at or above --fail-on (with --fail-on new: a new error or warning)
  2  usage error; an input missing, unreadable or not what its name says; no files to scan (unless
     --allow-empty); a report that could not be written; an internal error. Always one line on stderr.
  stdout or stderr closed early (e.g. piped into head): the output stops quietly, the exit code is unchanged.
`;
