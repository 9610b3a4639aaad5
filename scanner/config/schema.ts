// Schema of rtcscan.config.{json,yaml,yml}: rule overrides, policy, ignore globs, input limits, suppressions.
// Strict objects everywhere, so a misspelt key is an error rather than a silently ignored setting.
// Built on first use (with zod loaded then): a scan without a config file loads neither.
import type { z as Z } from 'zod';
import { lazyPackage } from '../core/lazy.js';

const zod = lazyPackage<typeof import('zod')>('zod');

function build() {
  const { z } = zod();
  const Level = z.enum(['error', 'warning', 'note']);

  /** `off`, or the level every result of the rule gets. */
  const RuleSetting = z.enum(['off', 'error', 'warning', 'note']);

  /** `[a, b]` (each at the rule's default level) or `{ a: error, b: warning }`. */
  const DenyList = z.union([z.array(z.string().min(1)), z.record(z.string().min(1), Level)]);

  /** A host (`rtc.example.com`) or a suffix (`.example.com`: the domain itself and every subdomain). */
  const EndpointPattern = z.string().regex(/^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$|^[0-9a-f:.]+$/i, 'expected a host such as rtc.example.com or a suffix such as .example.com');

  const Size = z.union([z.string().min(1), z.number().int().positive()]);
  const Count = z.number().int().positive();

  const ConfigFile = z
    .object({
      /** Editors' schema hint; ignored. */
      $schema: z.string().optional(),
      rules: z.record(z.string(), RuleSetting).optional(),
      policy: z
        .object({
          deniedVendors: DenyList.optional(),
          deniedJurisdictions: DenyList.optional(),
          /** Named jurisdiction sets from rules/policies/ (us-doj-28cfr202, eu-third-countries), list or id → level. */
          presets: DenyList.optional(),
          allowedEndpoints: z.array(EndpointPattern).optional(),
          requireMediaEncryption: z.boolean().optional(),
        })
        .strict()
        .optional(),
      ignore: z.array(z.string().min(1)).optional(),
      limits: z
        .object({
          maxEntrySize: Size.optional(),
          maxTotalSize: Size.optional(),
          maxRatio: Count.optional(),
          maxDepth: Count.optional(),
          maxEntries: Count.optional(),
        })
        .strict()
        .optional(),
      suppressions: z
        .array(
          z
            .object({
              fingerprint: z.string().regex(/^[0-9a-f]{32}$/, 'expected the 32 hex digits of partialFingerprints["rtcscanFindingHash/v1"]'),
              justification: z.string().trim().min(1, 'a justification is required'),
              kind: z.enum(['external', 'inSource']).optional(),
            })
            .strict(),
        )
        .optional(),
    })
    .strict();
  return { Level, RuleSetting, ConfigFile };
}

let schemas: ReturnType<typeof build> | undefined;
/** The config file's schemas (built once). */
export function configSchemas(): ReturnType<typeof build> {
  return (schemas ??= build());
}

export type Level = Z.infer<ReturnType<typeof build>['Level']>;
/** `off`, or the level every result of the rule gets. */
export type RuleSetting = Z.infer<ReturnType<typeof build>['RuleSetting']>;
export type ConfigFile = Z.infer<ReturnType<typeof build>['ConfigFile']>;
