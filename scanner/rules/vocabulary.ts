// Schema of rules/vocabulary.yaml: names that mark user and room identifiers, used as dataflow sources.
import { z } from 'zod';

export const Vocabulary = z
  .object({
    /** Identifier names (case-insensitive, `_`/`-` ignored) that hold user or room identifiers. */
    identifiers: z
      .array(
        z
          .object({
            name: z.string().min(1),
            /** What the identifier designates. */
            designates: z.enum(['user', 'room', 'device', 'session', 'contact']),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();
export type Vocabulary = z.infer<typeof Vocabulary>;
