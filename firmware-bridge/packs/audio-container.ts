// Checks, as the bytes stream past, that a narration file is the container its
// extension promises and is whole: an Ogg stream of CRC-checked pages from a
// first page that opens Opus or Vorbis to a last page that ends the stream,
// or MP3 frames chained from the first (after any ID3 tag) to the file's end.
// A cut-short copy or a garbage file is refused here, not left to stutter or
// fall silent in front of a visitor.

export type AudioKind = 'opus' | 'ogg' | 'mp3';

export interface AudioChecker {
  push(chunk: Buffer): void;
  /** Why the file is not a whole stream of its kind; null when it is. */
  finish(): string | null;
  /** Seconds of sound, when the container says (Ogg Opus); null otherwise. */
  readonly seconds: number | null;
}

export function audioChecker(kind: AudioKind): AudioChecker {
  return kind === 'mp3' ? new Mp3Checker() : new OggChecker(kind);
}

/** Holds unparsed bytes and hands out whole units as they arrive. */
abstract class Framed implements AudioChecker {
  protected pending: Buffer = Buffer.alloc(0);
  protected offset = 0; // file offset of pending[0]
  protected problem: string | null = null;
  seconds: number | null = null;

  push(chunk: Buffer): void {
    if (this.problem) return;
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let used = 0;
    while (!this.problem) {
      const size = this.unit(this.pending.subarray(used), this.offset + used);
      if (size <= 0) break;
      used += size;
    }
    this.pending = this.pending.subarray(used);
    this.offset += used;
  }

  /** Bytes of the whole unit at the start of `b` (consumed), or 0 when more bytes are needed. */
  protected abstract unit(b: Buffer, at: number): number;
  abstract finish(): string | null;
}

// --- Ogg -------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

function oggCrc(page: Buffer): number {
  let crc = 0;
  for (let i = 0; i < page.length; i++) {
    const byte = i >= 22 && i < 26 ? 0 : page[i]!; // the CRC field counts as zeros
    crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  }
  return crc;
}

class OggChecker extends Framed {
  private pages = 0;
  private ended = false;
  private codec: 'opus' | 'vorbis' | null = null;
  private preSkip = 0;
  private lastGranule = 0n;

  constructor(private readonly kind: 'opus' | 'ogg') { super(); }

  protected unit(b: Buffer, at: number): number {
    if (b.length < 27) return 0;
    if (b.toString('latin1', 0, 4) !== 'OggS' || b[4] !== 0) {
      this.problem = this.pages === 0
        ? 'is not an Ogg file (it does not start with an "OggS" page)'
        : `has bytes that are not an Ogg page at byte ${at}; the file is broken`;
      return 0;
    }
    const segments = b[26]!;
    if (b.length < 27 + segments) return 0;
    let body = 0;
    for (let i = 0; i < segments; i++) body += b[27 + i]!;
    const size = 27 + segments + body;
    if (b.length < size) return 0;
    const page = b.subarray(0, size);
    if (oggCrc(page) !== page.readUInt32LE(22)) {
      this.problem = `has a damaged Ogg page at byte ${at} (its checksum does not match)`;
      return 0;
    }
    if (this.ended) {
      this.problem = `goes on after the end of its stream at byte ${at}`;
      return 0;
    }
    const flags = page[5]!;
    if (this.pages === 0) this.first(page.subarray(27 + segments), flags);
    const granule = page.readBigInt64LE(6);
    if (granule >= 0n) this.lastGranule = granule;
    if (flags & 0x04) this.ended = true;
    this.pages++;
    return size;
  }

  private first(packet: Buffer, flags: number): void {
    if (!(flags & 0x02)) { this.problem = 'does not open its Ogg stream on its first page; the file is broken'; return; }
    if (packet.toString('latin1', 0, 8) === 'OpusHead') {
      this.codec = 'opus';
      this.preSkip = packet.length >= 12 ? packet.readUInt16LE(10) : 0;
    } else if (packet[0] === 0x01 && packet.toString('latin1', 1, 7) === 'vorbis') {
      this.codec = 'vorbis';
    } else {
      this.problem = 'is an Ogg file holding neither Opus nor Vorbis sound';
      return;
    }
    if (this.kind === 'opus' && this.codec !== 'opus') this.problem = 'is Ogg Vorbis, not Opus as its .opus name says; name it .ogg';
  }

  finish(): string | null {
    if (this.problem) return this.problem;
    if (this.pages === 0) return this.pending.length === 0 ? 'is empty' : 'is not an Ogg file (it is shorter than one Ogg page)';
    if (this.pending.length > 0) return `is cut short: its last Ogg page (at byte ${this.offset}) is incomplete`;
    if (!this.ended) return 'is cut short: its Ogg stream has no last page (the file ends before the stream does)';
    if (this.codec === 'opus') this.seconds = Math.max(0, Number(this.lastGranule) - this.preSkip) / 48000;
    return null;
  }
}

// --- MP3 -------------------------------------------------------------------

// Bitrates in kbit/s by [MPEG-1 ? 0 : 1][layer 1..3][index]; sample rates by version.
const BITRATES: number[][][] = [
  [[], [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448], [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384], [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]],
  [[], [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256], [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160], [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]],
];
const RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/** The length of the MPEG audio frame whose header starts `b`, or 0 when it is none. */
export function mp3FrameLength(b: Buffer): number {
  if (b.length < 4 || b[0] !== 0xff || (b[1]! & 0xe0) !== 0xe0) return 0;
  const version = (b[1]! >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5, 1: reserved
  const layer = 4 - ((b[1]! >> 1) & 3); // 1..3; 4 is reserved
  const bitrateIndex = b[2]! >> 4;
  const rate = RATES[version]?.[(b[2]! >> 2) & 3];
  if (rate === undefined || layer === 4 || bitrateIndex === 0 || bitrateIndex === 15) return 0;
  const bitrate = BITRATES[version === 3 ? 0 : 1]![layer]![bitrateIndex]! * 1000;
  const padding = (b[2]! >> 1) & 1;
  if (layer === 1) return (Math.floor((12 * bitrate) / rate) + padding) * 4;
  const perSample = layer === 3 && version !== 3 ? 72 : 144;
  return Math.floor((perSample * bitrate) / rate) + padding;
}

class Mp3Checker extends Framed {
  private frames = 0;
  private skip = 0; // bytes of an ID3v2 tag still to pass
  private tail = false; // a trailing tag was found: the rest is not audio

  protected unit(b: Buffer, at: number): number {
    if (this.tail) return b.length;
    if (this.skip > 0) {
      const n = Math.min(this.skip, b.length);
      this.skip -= n;
      return n;
    }
    if (b.length < 10) return 0;
    if (b.toString('latin1', 0, 3) === 'ID3') {
      const size = ((b[6]! & 0x7f) << 21) | ((b[7]! & 0x7f) << 14) | ((b[8]! & 0x7f) << 7) | (b[9]! & 0x7f);
      this.skip = size + (b[5]! & 0x10 ? 10 : 0);
      return 10;
    }
    if (this.frames > 0 && /^(TAG|APETAGEX|LYRICS)/.test(b.toString('latin1', 0, 8))) {
      this.tail = true;
      return b.length;
    }
    const length = mp3FrameLength(b);
    if (length === 0) {
      this.problem = this.frames === 0
        ? 'is not an MP3 file (no ID3 tag or MPEG audio frame at its start)'
        : `has bytes that are not MPEG audio at byte ${at}; the file is broken`;
      return 0;
    }
    if (b.length < length) return 0;
    this.frames++;
    return length;
  }

  finish(): string | null {
    if (this.problem) return this.problem;
    if (this.skip > 0) return 'is cut short inside its ID3 tag';
    if (this.pending.length > 0 && !this.tail) {
      return this.frames === 0 ? 'is not an MP3 file (no MPEG audio frame)' : `is cut short: its last audio frame (at byte ${this.offset}) is incomplete`;
    }
    if (this.frames === 0) return 'holds no MPEG audio frames';
    return null;
  }
}
