// A requirement: one checkable statement with a stable ID and where it comes from.
export type Level = 'MUST' | 'SHOULD' | 'observed';

export interface Source {
  /** Seed file under shared/seeds, a public file (repo:path), or a DESIGN.md section. */
  ref: string;
  /** The sentence the requirement rests on (facts only, quoted short). */
  quote: string;
}

export interface Requirement {
  id: string; // e.g. KEYROT-003
  mechanism: string;
  level: Level;
  title: string;
  sources: Source[];
  /** Profiles this holds under; absent = every profile of the mechanism. */
  profiles?: string[];
  /** Where the harness decided something the sources leave open. */
  decision?: string;
}
