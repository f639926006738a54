/**
 * Dataset schema: the types every entity and source file must satisfy.
 *
 * Owns: the shape of the bundled dataset (entities, sources, aliases and their matching rules).
 * Never: reads files, touches the DOM, or knows how the matcher works inside. The runtime check of
 * these types is `validate.ts`; this file is types and closed vocabularies only.
 */

/** What an entity is. Shown on the card under its name. */
export const ENTITY_KINDS = [
  'programme',
  'organisation',
  'campaign',
  'person',
  'role',
  'legal-power',
  'law-or-guidance',
  'publication',
  'award',
  'event',
  'concept',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/**
 * What a mention of an entity says about the page. `story`: the page touches the SIM story (or a
 * story of its own beside it, such as Right Care, Right Person); it marks wherever its alias rules
 * hold. `context`: a body, person or term that also appears in ordinary UK health and policing
 * news; it marks only on a page that touches the story.
 */
export const ROLES = ['story', 'context'] as const;
export type Role = (typeof ROLES)[number];

/**
 * How a fact is dated. `event`: something that happened, on `date`. `state`: something that held
 * (a role, a position, a count, what a body is), as of `asOf`, the date of the newest source that
 * supports it.
 */
export const FACT_TYPES = ['event', 'state'] as const;
export type FactType = (typeof FACT_TYPES)[number];

/**
 * How much weight a fact's support carries. Promoters' success figures are `promoter-claim`;
 * campaigners' allegations are `campaign-statement` and are attributed in the text.
 */
export const EVIDENCE_LABELS = [
  'primary-document',
  'official-statement',
  'professional-body-statement',
  'independent-review',
  'academic-paper',
  'journalism',
  'campaign-statement',
  'promoter-claim',
  'personal-account',
] as const;
export type EvidenceLabel = (typeof EVIDENCE_LABELS)[number];

/** A partial ISO date: `2021`, `2021-05` or `2021-05-11`. */
export type IsoDate = string;
/** A single date or a range; `to` may be absent for an open range ("2023 onwards"). */
export type DateOrRange = IsoDate | { from: IsoDate; to?: IsoDate };

export interface ContextRule {
  /**
   * Words or phrases (matched case-insensitively on word boundaries) at least one of which must
   * occur near the mention for it to be marked.
   */
  cues: string[];
  /**
   * How near: `"block"` means the same paragraph, list item, cell or heading; a number means that
   * many characters either side of the mention, across blocks.
   */
  window: 'block' | number;
  /**
   * When true (the default), the mention is also marked if a long form of the same entity (any of
   * its aliases without a context rule) appears anywhere on the page.
   */
  longForm?: boolean;
}

export interface Alias {
  /** The text as it is written in the news, e.g. "NHS England" or "SIM". */
  text: string;
  /** True when case matters ("SIM" must not match "sim"). Default false. */
  caseSensitive?: boolean;
  /** Endings allowed straight after the alias, e.g. ["'s"] for possessives. Straight and curly
   * apostrophes are equivalent. Default none. */
  suffixes?: string[];
  /** Present for ambiguous aliases: the cues that must be found before the mention is marked. */
  context?: ContextRule;
  /** Phrases containing the alias that must never be marked, e.g. "SIM card". */
  exclude?: string[];
}

export interface Contested {
  /**
   * Who disputes the fact: a party that disagrees ("StopSIM", "the BJPsych editorial"), never a
   * page's own typo, date slip or inconsistency (those are notes in the fact's text).
   */
  by: string;
  /** The other side, neutrally. */
  note: string;
  sources: string[];
}

export interface Fact {
  text: string;
  /**
   * How the fact is dated: events by `date`, states by `asOf`. Validation requires it on every
   * shipped fact (optional here only so hand-built test datasets can leave it out).
   */
  type?: FactType;
  /** For events (required): when it happened. */
  date?: DateOrRange;
  /**
   * For states (required): the date of the newest source that supports the fact (shown "as of
   * …"); never older than a dated source the fact cites. Where every source is undated, the year
   * the research pass saw them (see `README.md`).
   */
  asOf?: IsoDate;
  /** Shown in the card's default view: the two or three facts that matter most. */
  key?: boolean;
  sources: string[];
  evidence: EvidenceLabel;
  contested?: Contested;
}

export interface TimelineEvent {
  date: DateOrRange;
  text: string;
  sources: string[];
  /** Among the developments that matter most (chosen first for "since this article"). */
  key?: boolean;
}

export interface Related {
  id: string;
  /** The relation in words, read as "<this entity> <relation> <other>", e.g. "was developed by". */
  relation: string;
}

export interface NotThisOne {
  /** The look-alike's name. */
  name: string;
  /** Why it is not this entity. */
  note: string;
  /** The look-alike's own entity, when the dataset has one. */
  id?: string;
}

export interface Entity {
  id: string;
  name: string;
  kind: EntityKind;
  /** Whether a mention means the page touches the story (see `ROLES`). */
  role: Role;
  /** The curator's one-line reason for the role. */
  roleReason: string;
  /**
   * Host names of the entity's own website (`stopsim.co.uk`; subdomains included): a page there
   * is the entity's own page.
   */
  sites?: string[];
  /** True on entries that touch crisis or self-harm: their card shows the support line. */
  support?: boolean;
  /** One or two neutral sentences, at most 280 characters. */
  summary: string;
  aliases: Alias[];
  facts: Fact[];
  timeline?: TimelineEvent[];
  related?: Related[];
  notThisOne?: NotThisOne[];
  /** ISO date (YYYY-MM-DD) of the last curator review. */
  lastReviewed: IsoDate;
}

export interface Source {
  id: string;
  title: string;
  publisher: string;
  /** Partial ISO date, or "undated". */
  date: IsoDate | 'undated';
  /** https only, exactly as listed in the research brief; absent when none was seen. */
  url?: string;
  kind: EvidenceLabel;
  /** True where the brief says the copy seen is a mirror, not the publisher's own. */
  mirror?: boolean;
}

export interface ChangelogEntry {
  /** The dataset version the changes shipped in. */
  version: string;
  /** Full ISO date of the release. */
  date: IsoDate;
  /** Short, reader-facing lines: what changed in this version. */
  changes: string[];
}

export interface DatasetMeta {
  /** Curator-set version, e.g. "2026.11.25". */
  version: string;
  /** Newest first; the first entry describes `version`. */
  changelog?: ChangelogEntry[];
}

export interface Dataset {
  meta: DatasetMeta;
  entities: Entity[];
  sources: Source[];
}

/** A dataset as shipped: stamped with its version and a hash of its content. */
export interface StampedDataset extends Dataset {
  hash: string;
}

export const SUMMARY_MAX = 280;
