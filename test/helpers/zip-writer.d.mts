// Types of zip-writer.mjs for the TypeScript tests.
export interface ZipMember {
  name: string;
  data?: Buffer;
  method?: 0 | 8;
  raw?: Buffer;
  declaredSize?: number;
  flags?: number;
  unixMode?: number;
  sharesDataWith?: number;
}
export declare function buildZip(members: ZipMember[], options?: { level?: number; dosDate?: number }): Buffer;
