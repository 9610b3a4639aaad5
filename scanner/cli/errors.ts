/** A mistake in how rtcscan was called: printed as one line, exit code 2. */
export class UsageError extends Error {}
