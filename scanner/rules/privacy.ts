// Schemas and loading of rules/privacy/: Apple's required-reason API categories, Apple's list of SDKs that must ship
// a privacy manifest, and the data types rtcscan can see leaving the device in Apple's and Google Play's vocabulary.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadRuleFile } from './rule-file.js';

const Sources = z.array(z.string().min(1)).min(1);

export const RequiredReasonApis = z
  .object({
    sources: Sources,
    categories: z
      .array(
        z
          .object({
            id: z.string().regex(/^NSPrivacyAccessedAPICategory[A-Za-z]+$/),
            name: z.string().min(1),
            /** C functions and constants as imported (without the leading `_`). */
            symbols: z.array(z.string().min(1)).default([]),
            /** Objective-C classes (`_OBJC_CLASS_$_Name` imports). */
            classes: z.array(z.string().min(1)).default([]),
            /** Objective-C selectors. */
            selectors: z.array(z.string().min(1)).default([]),
            /** Approved reason codes (`C617.1`). */
            reasons: z.array(z.string().regex(/^[0-9A-F]{4}\.\d$/)).min(1),
            sources: Sources,
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type RequiredReasonApis = z.infer<typeof RequiredReasonApis>;

export const ManifestSdks = z.object({ sources: Sources, sdks: z.array(z.string().min(1)).min(1) }).strict();

const PlayType = z.object({ question: z.string().regex(/^PSL_[A-Z_]+$/), response: z.string().regex(/^PSL_[A-Z_]+$/), label: z.string().min(1) }).strict();

export const DataTypes = z
  .object({
    sources: Sources,
    roomIdentifiers: z.array(z.string().min(1)).default([]),
    types: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z][a-z-]*$/),
            name: z.string().min(1),
            apple: z.string().regex(/^NSPrivacyCollectedDataType[A-Za-z]+$/),
            play: PlayType,
            evidence: z.array(z.enum(['identifier', 'rtc-session'])).min(1),
            identifiers: z.array(z.string().min(1)).default([]),
            caveat: z.string().optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type DataTypes = z.infer<typeof DataTypes>;
export type DataTypeRule = DataTypes['types'][number];

export interface PrivacyRules {
  requiredReason: RequiredReasonApis;
  /** Lower-cased SDK names of Apple's list, each alternative of a `A / B` line on its own. */
  manifestSdks: Set<string>;
  manifestSdkSources: string[];
  dataTypes: DataTypes;
}

/** rules/privacy/, or undefined when the rules folder has none (custom rule folders). */
export function loadPrivacyRules(dir: string): PrivacyRules | undefined {
  const base = join(dir, 'privacy');
  if (!existsSync(base)) return undefined;
  const requiredReason = loadRuleFile(join(base, 'required-reason-apis.yaml'), RequiredReasonApis);
  const sdks = loadRuleFile(join(base, 'manifest-sdks.yaml'), ManifestSdks);
  const dataTypes = loadRuleFile(join(base, 'data-types.yaml'), DataTypes);
  const manifestSdks = new Set(sdks.sdks.flatMap((s) => s.split('/').map((x) => x.trim().toLowerCase())).filter(Boolean));
  return { requiredReason, manifestSdks, manifestSdkSources: sdks.sources, dataTypes };
}

export { dataTypeOfIdentifier } from './privacy-match.js';
