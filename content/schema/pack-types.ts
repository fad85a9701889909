// GENERATED from pack.schema.json by `npm run gen:types`
// (content/tools/gen-pack-types.ts, json-schema-to-typescript): do not edit.
// Change the schema and run it again; tests/content/tools/pack-types-source.unit.test.ts
// fails while this file and the schema disagree.

/**
 * An id: lower-case letters and digits, words joined by single hyphens, e.g. "middle-corridor".
 */
export type Slug = string;
/**
 * A semantic version: three numbers with dots, e.g. "1.2.0".
 */
export type Semver = string;
/**
 * A BCP 47 language tag such as "en", "es" or "pt-BR".
 */
export type LanguageTag = string;
/**
 * A SHA-256 hash written as 64 lower-case hexadecimal characters.
 */
export type Sha256 = string;
/**
 * country (drawn as its territory), organisation or group (drawn at its anchor).
 */
export type ActorKind = 'country' | 'organisation' | 'group';
/**
 * ISO 3166-1 numeric country code with leading zeros, as in world-atlas, e.g. "031" for Azerbaijan.
 */
export type IsoNumeric = string;
/**
 * [longitude, latitude] in degrees (WGS 84), e.g. [49.87, 40.41] for Baku.
 *
 * @minItems 2
 * @maxItems 2
 */
export type LonLat = [number, number];
/**
 * capital, city, port, border (crossing) or hub (terminal, junction, field).
 */
export type PlaceKind = 'capital' | 'city' | 'port' | 'border' | 'hub';
/**
 * How things travel: rail, sea, road, pipeline or multimodal (several).
 */
export type CorridorKind = 'rail' | 'sea' | 'road' | 'pipeline' | 'multimodal';
/**
 * operating (in use), planned (decided, being built) or proposed (under discussion).
 */
export type CorridorStatus = 'operating' | 'planned' | 'proposed';
/**
 * land (rail, road, a pipeline on land) or water (a ferry, a sub-sea pipeline).
 */
export type LegSurface = 'land' | 'water';
/**
 * alliance, partnership, mediation, rivalry or tension.
 */
export type RelationType = 'alliance' | 'partnership' | 'mediation' | 'rivalry' | 'tension';
/**
 * A sound file's path: "audio/NAME.opus", ".ogg" or ".mp3".
 */
export type AudioPath = string;
/**
 * A captions file's path: "audio/NAME.vtt".
 */
export type CaptionsPath = string;
/**
 * A date written "YYYY", "YYYY-MM" or "YYYY-MM-DD".
 */
export type DateString = string;
/**
 * work (the default): a published work, such as the analysis or one it cites. editors-context: facts the exhibit's editors added from outside the analysis; say which in "note".
 */
export type SourceKind = 'work' | 'editors-context';
/**
 * A picture's path: "images/NAME.webp", ".jpg" or ".png".
 */
export type ImagePath = string;

/**
 * Everything the kiosk shows for one story: actors, places, corridors, scenarios, a timeline, sources and lessons, in every language of the pack. The types in pack-types.ts say the same for programmers.
 */
export interface PackManifest {
  /**
   * Where an editor finds this schema; the kiosk ignores it.
   */
  $schema?: string;
  /**
   * The manifest format. Always 1 for this version of the kiosk.
   */
  format: 1;
  /**
   * The pack's id: lower-case letters, digits and single hyphens, e.g. "caspian-2025". A newer version of the same id replaces the old one.
   */
  id: Slug;
  /**
   * The pack's version, e.g. "1.0.0". Raise it for every change so kiosks install the new one.
   */
  version: Semver;
  /**
   * The pack's name as shown in maintenance mode, in every language of the pack.
   */
  title: LocalText;
  /**
   * Language codes of the texts, e.g. ["en", "es"]. The first is the default language. Every text must be given in each of them.
   *
   * @minItems 1
   *
   * Items: A language code such as "en" or "es".
   */
  languages: LanguageTag[];
  /**
   * Every other file in the pack (path inside the pack -> its SHA-256 hash, 64 lower-case hex characters). "crossroads pack build" fills this in. Empty when the pack has no assets.
   */
  files: {
    /**
     * The SHA-256 hash of the file, 64 lower-case hex characters.
     */
    [k: string]: Sha256;
  };
  /**
   * The oldest kiosk version that can show this pack, e.g. "0.1.0". Older kiosks refuse it.
   */
  minKioskVersion?: Semver;
  credits: PackCredits;
  /**
   * Countries, organisations and groups that appear on the map.
   *
   * Items: One actor.
   */
  actors: Actor[];
  /**
   * Cities, ports, border crossings and hubs that corridors pass through or scenarios label.
   *
   * Items: One place.
   */
  places: Place[];
  /**
   * Trade, transport and energy routes drawn on the map.
   *
   * Items: One corridor.
   */
  corridors: Corridor[];
  /**
   * The scenes of the story, in the order visitors step through them.
   *
   * @minItems 1
   *
   * Items: One scenario.
   */
  scenarios: Scenario[];
  /**
   * Dated events in date order; each opens a scenario.
   *
   * Items: One event.
   */
  timeline: TimelineEvent[];
  /**
   * The works the texts rest on: the analysis and its footnotes.
   *
   * @minItems 1
   *
   * Items: One source.
   */
  sources: Source[];
  /**
   * Ordered walks through the scenarios for teachers (class mode).
   *
   * Items: One lesson.
   */
  lessons?: Lesson[];
  /**
   * Pictures the scenarios and timeline events refer to by id: each a file under images/ (WebP, JPEG or PNG, at most 4096 px a side, 16 megapixels and 4 MiB) with alt text and credit in every language.
   *
   * Items: One picture.
   */
  images?: PackImage[];
  /**
   * The date the story stands at, e.g. "2025-07": the kiosk shows it with every scenario ("as of July 2025"), and no text tells anything later as still to come.
   */
  asOf?: DateString;
  /**
   * Extra or replacement interface texts for the kiosk: key -> text in every language. Usually not needed.
   */
  strings?: {
    /**
     * The interface text in every language.
     */
    [k: string]: LocalText;
  };
}
/**
 * One text in every language of the pack: language code -> text.
 */
export interface LocalText {
  /**
   * The text in this language.
   */
  [k: string]: string;
}
/**
 * Who the story comes from. Judgements in the texts are attributed to the analyst.
 */
export interface PackCredits {
  /**
   * The author of the analysis the pack follows.
   */
  analyst: string;
  /**
   * The analyst's position or institution, in every language.
   */
  affiliation?: LocalText;
  /**
   * Who wrote the exhibit's texts.
   */
  editors?: string;
}
/**
 * A country, organisation or group.
 */
export interface Actor {
  /**
   * The actor's id, e.g. "azerbaijan".
   */
  id: Slug;
  /**
   * The actor's name in every language.
   */
  name: LocalText;
  kind: ActorKind;
  /**
   * Countries only: the ISO 3166-1 numeric code used by world-atlas, e.g. "031".
   */
  iso?: IsoNumeric;
  /**
   * Where arcs attach and the label sits. Countries default to their centroid; organisations and groups need one.
   */
  anchor?: LonLat;
}
/**
 * A point on the map.
 */
export interface Place {
  /**
   * The place's id, e.g. "aktau".
   */
  id: Slug;
  /**
   * The place's name in every language.
   */
  name: LocalText;
  kind: PlaceKind;
  /**
   * Its position: [longitude, latitude].
   */
  at: LonLat;
  /**
   * The id of the country actor the place is in, e.g. "azerbaijan". Its dot must fall inside that country on the map.
   */
  country?: Slug;
}
/**
 * A route drawn as a line through places.
 */
export interface Corridor {
  /**
   * The corridor's id, e.g. "tanap".
   */
  id: Slug;
  /**
   * The corridor's name in every language.
   */
  name: LocalText;
  kind: CorridorKind;
  status: CorridorStatus;
  /**
   * Actor ids of those who build, fund or push for it.
   *
   * Items: The id of an actor that builds, funds or pushes for the corridor.
   */
  backers: Slug[];
  /**
   * Place ids in travel order; the flow animates from the first to the last. At least two.
   *
   * @minItems 2
   *
   * Items: The id of a place on the route.
   */
  route: Slug[];
  /**
   * An optional one-line note shown in the legend.
   */
  note?: LocalText;
  /**
   * The ids of the country actors whose territory the route crosses, in any order. The map checks that the drawn line enters each and crosses no other country for more than 5 km.
   *
   * @minItems 1
   *
   * Items: The id of a country actor the route crosses.
   */
  countries?: Slug[];
  /**
   * One entry per leg, route[0] to route[1] first: "land" or "water". Water legs are drawn bowed off the coasts; the map checks that no land leg runs over open water and no water leg over land for more than 5 km.
   */
  legs?: LegSurface[];
}
/**
 * One scene of the story.
 */
export interface Scenario {
  /**
   * The scenario's id, e.g. "middle-corridor".
   */
  id: Slug;
  /**
   * The heading on screen.
   */
  title: LocalText;
  /**
   * The museum label: at most 60 words in each language.
   */
  summary: LocalText;
  /**
   * The longer text behind the "info" button.
   */
  more: LocalText;
  /**
   * Actor ids drawn highlighted.
   *
   * Items: The id of an actor drawn highlighted.
   */
  highlight: Slug[];
  /**
   * Corridor ids drawn in this scenario.
   *
   * Items: The id of a corridor drawn in this scenario.
   */
  corridors: Slug[];
  /**
   * Arcs between actors shown in this scenario.
   *
   * Items: One relation.
   */
  relations: Relation[];
  /**
   * Place ids labelled in this scenario, besides the corridors' own.
   *
   * Items: The id of a place labelled in this scenario.
   */
  places?: Slug[];
  /**
   * How the camera frames this scenario.
   */
  camera: CameraFraming;
  /**
   * Source ids this scenario rests on; at least one.
   *
   * @minItems 1
   *
   * Items: The id of a source.
   */
  sources: Slug[];
  /**
   * Ids of pictures (from "images") shown in the info panel, the first one first.
   *
   * Items: The id of a picture.
   */
  images?: Slug[];
  /**
   * Spoken narration of the summary: language code -> track. A language without one has no play button. "crossroads pack narrate" makes a draft.
   */
  narration?: {
    /**
     * The narration in this language.
     */
    [k: string]: NarrationTrack;
  };
}
/**
 * An arc between two actors.
 */
export interface Relation {
  /**
   * The actor id where the arc starts.
   */
  from: Slug;
  /**
   * The actor id where the arc ends; not the same as from.
   */
  to: Slug;
  type: RelationType;
  /**
   * One line: why the analysis sees them so.
   */
  reason: LocalText;
}
/**
 * How the camera frames a scenario. Chosen for the 16:9 kiosk screen: on another shape of screen (portrait, a classroom projector) the page draws the camera back, never closer, until the scenario's places and its routes' stops are all on screen and clear of the panels.
 */
export interface CameraFraming {
  /**
   * The point the camera looks at: [longitude, latitude].
   */
  center: LonLat;
  /**
   * 1 shows the whole region; 2 is twice as close; at most 4. Down to 0.8 pulls back a little further, for routes that run the region's whole height.
   */
  zoom: number;
  /**
   * Degrees from looking straight down, 0 to 60.
   */
  tilt?: number;
  /**
   * Degrees clockwise from north, -45 to 45.
   */
  heading?: number;
}
/**
 * One language's narration of a scenario.
 */
export interface NarrationTrack {
  /**
   * The sound file: "audio/NAME.opus", ".ogg" or ".mp3" (at most 16 MiB), listed in "files".
   */
  audio: AudioPath;
  /**
   * WebVTT captions of the same speech: "audio/NAME.vtt" (at most 256 KiB), listed in "files".
   */
  captions: CaptionsPath;
  /**
   * Whose voice, or how it was made, shown while it plays, in this track's language.
   */
  credit: string;
  /**
   * True for a draft made by text-to-speech, to be replaced by a recorded voice.
   */
  draft?: boolean;
}
/**
 * A dated event on the timeline.
 */
export interface TimelineEvent {
  /**
   * The event's id, e.g. "azal-crash".
   */
  id: Slug;
  /**
   * When it happened: "YYYY", "YYYY-MM" or "YYYY-MM-DD". Events must be in date order.
   */
  date: DateString;
  /**
   * A short heading.
   */
  title: LocalText;
  /**
   * One or two sentences.
   */
  text: LocalText;
  /**
   * The id of the scenario the map shows for this moment.
   */
  scenario: Slug;
  /**
   * Actor or place ids to pulse.
   *
   * Items: The id of an actor or place to pulse.
   */
  highlight?: Slug[];
  /**
   * Source ids this event rests on.
   *
   * Items: The id of a source.
   */
  sources: Slug[];
  /**
   * The id of a picture (from "images") shown with this moment.
   */
  image?: Slug;
}
/**
 * A cited work.
 */
export interface Source {
  /**
   * The source's id, e.g. "cutler-2025".
   */
  id: Slug;
  kind?: SourceKind;
  /**
   * Author(s) as cited.
   */
  author: string;
  /**
   * The title of the work.
   */
  title: string;
  /**
   * True when the work has no title of its own; "title" then only describes it (e.g. "untitled analysis") and the kiosk says "untitled" in the visitor's language.
   */
  untitled?: boolean;
  /**
   * Where it was published.
   */
  publisher: string;
  /**
   * Publication date: "YYYY", "YYYY-MM" or "YYYY-MM-DD".
   */
  date: DateString;
  /**
   * The date exactly as the analysis prints it, when that differs or is ambiguous (e.g. "07/11/2025").
   */
  dateAsCited?: string;
  /**
   * A web address for the work.
   */
  url?: string;
  /**
   * Its footnote number in the analysis, when it is one.
   */
  footnote?: number;
  /**
   * What the source covers, in every language. For editors' context: which facts the editors added.
   */
  note?: LocalText;
}
/**
 * An ordered walk through scenarios for a class.
 */
export interface Lesson {
  /**
   * The lesson's id.
   */
  id: Slug;
  /**
   * The lesson's title.
   */
  title: LocalText;
  /**
   * The steps in teaching order.
   *
   * @minItems 1
   *
   * Items: One step.
   */
  steps: LessonStep[];
}
/**
 * One step of a lesson.
 */
export interface LessonStep {
  /**
   * The id of the scenario shown at this step.
   */
  scenario: Slug;
  /**
   * Optional: the id of a timeline event shown with the scenario.
   */
  event?: Slug;
  /**
   * What the teacher might ask or point out.
   */
  prompt?: LocalText;
}
/**
 * A picture the pack ships.
 */
export interface PackImage {
  /**
   * The picture's id, e.g. "baku-port".
   */
  id: Slug;
  /**
   * Its file: "images/NAME.webp", ".jpg" or ".png", listed in "files".
   */
  file: ImagePath;
  /**
   * Its width in pixels, as in the file.
   */
  width: number;
  /**
   * Its height in pixels, as in the file.
   */
  height: number;
  /**
   * What the picture shows, for a visitor who cannot see it, in every language.
   */
  alt: LocalText;
  /**
   * Who made it and under what licence, shown under it, in every language.
   */
  credit: LocalText;
}
