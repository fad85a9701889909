// The shape of a content pack's manifest (pack.json). The JSON Schema beside
// this file (pack.schema.json) says the same for editors and the validator;
// tests/content checks that the two agree on the built-in pack.

/** BCP 47 language tag, e.g. "en", "es". */
export type LanguageTag = string;

/** One text in every language of the pack (the default language is required). */
export type LocalText = Record<LanguageTag, string>;

/** Longitude, latitude in degrees (WGS 84). */
export type LonLat = [number, number];

export type ActorKind = 'country' | 'organisation' | 'group';
export type PlaceKind = 'capital' | 'city' | 'port' | 'border' | 'hub';
export type CorridorKind = 'rail' | 'sea' | 'road' | 'pipeline' | 'multimodal';
export type CorridorStatus = 'operating' | 'planned' | 'proposed';
export type RelationType = 'alliance' | 'partnership' | 'mediation' | 'rivalry' | 'tension';
/** What a leg of a corridor runs over: land, or water (a ferry, a sub-sea pipeline). */
export type LegSurface = 'land' | 'water';
/** A work (the analysis, one it cites, or another published source), or the editors' own addition. */
export type SourceKind = 'work' | 'editors-context';

export interface Actor {
  /** Slug, e.g. "azerbaijan". */
  id: string;
  name: LocalText;
  kind: ActorKind;
  /** ISO 3166-1 numeric code as used by Natural Earth / world-atlas ("031"). Countries only. */
  iso?: string;
  /** Where arcs attach and the label sits; defaults to the country's centroid. Required for organisations and groups. */
  anchor?: LonLat;
}

export interface Place {
  id: string;
  name: LocalText;
  kind: PlaceKind;
  /** [longitude, latitude]. */
  at: LonLat;
  /** Actor id of the country the place is in; its dot must fall inside that country on the map. */
  country?: string;
}

export interface Corridor {
  id: string;
  name: LocalText;
  kind: CorridorKind;
  status: CorridorStatus;
  /** Actor ids of those who build, fund or push for it. */
  backers: string[];
  /** Place ids in travel order; the flow animates from first to last. */
  route: string[];
  /** Optional one-line note shown in the legend. */
  note?: LocalText;
  /** Actor ids of every country the route crosses; the map checks that its line crosses no other. */
  countries?: string[];
  /** Per leg (route[i] to route[i + 1]): over land or water. Drawn and checked so. */
  legs?: LegSurface[];
}

export interface Relation {
  from: string;
  to: string;
  type: RelationType;
  /** One line: why the analysis sees them so. */
  reason: LocalText;
}

export interface CameraFraming {
  /** Point the camera looks at. */
  center: LonLat;
  /** 1 = the whole region; 2 = twice as close; 0.8..4. */
  zoom: number;
  /** Degrees from straight down, 0..60. */
  tilt?: number;
  /** Degrees clockwise from north, -45..45. */
  heading?: number;
}

export interface Scenario {
  id: string;
  title: LocalText;
  /** Museum label, at most 60 words per language. */
  summary: LocalText;
  /** The longer text behind the "info" button. */
  more: LocalText;
  /** Actor ids drawn highlighted. */
  highlight: string[];
  /** Corridor ids drawn in this scenario. */
  corridors: string[];
  relations: Relation[];
  /** Place ids labelled in this scenario (besides the corridors' own). */
  places?: string[];
  camera: CameraFraming;
  /** Source ids this scenario rests on. */
  sources: string[];
  /** Image ids (from the manifest's `images`) shown in the info panel, first one first. */
  images?: string[];
  /** Spoken narration of the summary, per language; a language without one has no play button. */
  narration?: Record<LanguageTag, NarrationTrack>;
}

/** A picture the pack ships, attached to scenarios or timeline events by id. */
export interface PackImage {
  id: string;
  /** `images/NAME.webp`, `.jpg` or `.png`. */
  file: string;
  /** Pixel size of the file (checked against it), so the page lays it out before it decodes. */
  width: number;
  height: number;
  /** What the picture shows, for a visitor who cannot see it. */
  alt: LocalText;
  /** Who made it and under what licence, shown under it. */
  credit: LocalText;
}

/** One language's narration of a scenario. */
export interface NarrationTrack {
  /** `audio/NAME.opus`, `.ogg` or `.mp3`. */
  audio: string;
  /** `audio/NAME.vtt`: WebVTT captions of the same speech. */
  captions: string;
  /** Whose voice, or how it was made, shown while it plays (in this track's language). */
  credit: string;
  /** True for a draft made by text-to-speech, to be replaced by a recorded voice. */
  draft?: boolean;
}

export interface TimelineEvent {
  id: string;
  /** "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
  date: string;
  title: LocalText;
  text: LocalText;
  /** The scenario the map shows for this moment. */
  scenario: string;
  /** Actors or places to pulse. */
  highlight?: string[];
  sources: string[];
  /** Image id shown with this moment. */
  image?: string;
}

export interface Source {
  id: string;
  /** 'work' (default): a published work; 'editors-context': facts the exhibit's editors added, described in `note`. */
  kind?: SourceKind;
  /** Author(s) as cited. */
  author: string;
  /** As the work is titled; for an untitled work, a plain description such as "untitled analysis". */
  title: string;
  /** True when the work carries no title of its own (then `title` only describes it). */
  untitled?: boolean;
  publisher: string;
  /** "YYYY-MM-DD", "YYYY-MM" or "YYYY". */
  date: string;
  /** The date exactly as the analysis prints it, when that differs or is ambiguous ("07/11/2025"). */
  dateAsCited?: string;
  url?: string;
  /** Footnote number in the analysis, when it is one. */
  footnote?: number;
  /** What this source covers, in every language: for editors' context, which facts the editors added. */
  note?: LocalText;
}

export interface LessonStep {
  scenario: string;
  /** Optional timeline event id to show with the scenario. */
  event?: string;
  /** What the teacher might ask or point out. */
  prompt?: LocalText;
}

export interface Lesson {
  id: string;
  title: LocalText;
  steps: LessonStep[];
}

export interface PackCredits {
  /** Whose analysis this is; judgements in the texts are attributed to them. */
  analyst: string;
  affiliation?: LocalText;
  /** Who wrote the exhibit's texts. */
  editors?: string;
}

export interface PackManifest {
  $schema?: string;
  format: 1;
  id: string;
  version: string;
  title: LocalText;
  /** The first is the default language. */
  languages: LanguageTag[];
  /** Path -> sha256 hex of every other file in the pack. */
  files: Record<string, string>;
  /** Oldest kiosk version that can show this pack (semver). */
  minKioskVersion?: string;
  credits: PackCredits;
  actors: Actor[];
  places: Place[];
  corridors: Corridor[];
  scenarios: Scenario[];
  timeline: TimelineEvent[];
  sources: Source[];
  lessons?: Lesson[];
  /** Pictures the scenarios and timeline events refer to by id. */
  images?: PackImage[];
  /** The date the story stands at ("YYYY-MM"): shown with every scenario; nothing later is in the texts. */
  asOf?: string;
  /** Extra or overriding kiosk interface strings: key -> text per language. */
  strings?: Record<string, LocalText>;
}
