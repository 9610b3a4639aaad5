// Reading one YAML rule file against its schema, with errors that name the file and the field.
import { readFileSync } from 'node:fs';
import { lazyPackage } from '../core/lazy.js';
import type { z } from 'zod';

const yaml = lazyPackage<typeof import('yaml')>('yaml');

export class RuleError extends Error {}

export function formatZodError(file: string, err: z.ZodError): string {
  const issues = err.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return `invalid rule file ${file}: ${issues.join('; ')}`;
}

export function loadRuleFile<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = yaml().parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new RuleError(`cannot parse rule file ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new RuleError(formatZodError(file, parsed.error));
  return parsed.data;
}
