// Types of scripts/vendor-table.mjs for TypeScript callers (tests).
export declare const START: string;
export declare const END: string;
export declare const defaultRulesDir: string;
/** Parsed vendor rule files of `<rulesDir>/vendors`, sorted by id (unvalidated YAML objects). */
export declare function loadVendors(rulesDir?: string): Array<Record<string, unknown> & { id: string; name: string }>;
export declare function renderVendorTable(vendors?: ReturnType<typeof loadVendors>): string;
export declare function replaceRegion(text: string, table: string): string;
