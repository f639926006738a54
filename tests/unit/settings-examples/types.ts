/**
 * Settings examples per schema version (modelled on Read Frog's
 * `utils/config/__tests__/example/v00N.ts`): each version file names the same series of stored
 * `storage.sync` contents, so migrating series X of version N-1 must give series X of version N.
 * A version file may add series of its own; a series absent from the next version ends there.
 */
export interface ExampleSeries {
  description: string;
  /** Exactly what `storage.sync` holds at this version. */
  stored: Record<string, unknown>;
  /** Dotted paths the migration *into* this version could not carry over. */
  notes?: string[];
}

export type Examples = Record<string, ExampleSeries>;
