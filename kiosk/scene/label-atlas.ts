// Draws every label text of the map into one canvas texture (one texture,
// one draw call for all labels). Red holds the letters' coverage, green their
// halo, so the shader colours them per style and the canvas stays opaque (no
// premultiplied-alpha fringes). It holds every language of the pack at once,
// so a language change picks other rectangles and draws nothing; the canvas
// grows from 1024 to 2048 rows when the texts need it (the texture is made
// again at its new size).

import { CanvasTexture, LinearFilter } from 'three';

export type LabelStyle = 'country' | 'place' | 'capital' | 'sea' | 'actor';

export interface AtlasEntry {
  text: string;
  style: LabelStyle;
}

export interface AtlasRect {
  /** Texture coordinates u0, v0, u1, v1 (v up). */
  uv: [number, number, number, number];
  width: number;
  height: number;
}

const FONT = '"Noto Sans", "DejaVu Sans", "Liberation Sans", sans-serif';
const WIDTH = 2048;
const HEIGHTS = [1024, 2048];
const PAD = 5;

interface Look {
  font: string;
  size: number;
  spacing: number;
  halo: number;
  upper: boolean;
}

const LOOKS: Record<LabelStyle, Look> = {
  country: { font: `600 27px ${FONT}`, size: 27, spacing: 3, halo: 6, upper: true },
  actor: { font: `700 27px ${FONT}`, size: 27, spacing: 3, halo: 6, upper: true },
  place: { font: `600 24px ${FONT}`, size: 24, spacing: 0, halo: 7, upper: false },
  capital: { font: `700 25px ${FONT}`, size: 25, spacing: 0, halo: 7, upper: false },
  sea: { font: `italic 400 24px ${FONT}`, size: 24, spacing: 2, halo: 5, upper: false },
};

export class LabelAtlas {
  readonly canvas: HTMLCanvasElement;
  private context: CanvasRenderingContext2D;
  private made: CanvasTexture;
  /** How many times the texts were drawn (a language change, or a pack with the same names, should not draw). */
  draws = 0;
  private drawn = '';
  private drawnRects: AtlasRect[] = [];

  constructor() {
    this.canvas = document.createElement('canvas');
    this.canvas.width = WIDTH;
    this.canvas.height = HEIGHTS[0]!;
    this.context = this.canvas.getContext('2d')!;
    this.made = this.makeTexture();
  }

  /** The atlas as a texture; a new one after a draw that grew the canvas. */
  get texture(): CanvasTexture {
    return this.made;
  }

  /** Draws all entries (unless they are the ones it holds already); returns each one's place in the atlas (same order). */
  draw(entries: readonly AtlasEntry[]): AtlasRect[] {
    const key = entries.map((e) => `${e.style}\n${e.text}`).join('\n\n');
    if (key === this.drawn) return this.drawnRects;
    let rects = this.drawAt(entries);
    const fits = (): boolean => rects.every((r) => r.width > 0);
    while (!fits() && this.canvas.height < HEIGHTS[HEIGHTS.length - 1]!) {
      this.canvas.height = HEIGHTS[HEIGHTS.indexOf(this.canvas.height) + 1]!;
      // Resizing resets the context's state, and the texture's storage keeps its first size.
      this.context = this.canvas.getContext('2d')!;
      this.made.dispose();
      this.made = this.makeTexture();
      rects = this.drawAt(entries);
    }
    this.draws++;
    this.made.needsUpdate = true;
    [this.drawn, this.drawnRects] = [key, rects];
    return rects;
  }

  private makeTexture(): CanvasTexture {
    const texture = new CanvasTexture(this.canvas);
    texture.generateMipmaps = false;
    texture.minFilter = LinearFilter;
    texture.magFilter = LinearFilter;
    return texture;
  }

  private drawAt(entries: readonly AtlasEntry[]): AtlasRect[] {
    const WIDTH = this.canvas.width, HEIGHT = this.canvas.height;
    const ctx = this.context;
    ctx.globalCompositeOperation = 'source-over';
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    ctx.globalCompositeOperation = 'lighter';
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'center';
    ctx.lineJoin = 'round';
    let x = 0, y = 0, rowHeight = 0;
    const rects = entries.map(({ text, style }) => {
      const look = LOOKS[style];
      ctx.font = look.font;
      ctx.letterSpacing = `${look.spacing}px`;
      // Seas are written over two lines when their names have two words or more.
      const lines = style === 'sea' ? this.split(look.upper ? text.toUpperCase() : text) : [look.upper ? text.toUpperCase() : text];
      const lineHeight = Math.round(look.size * 1.2);
      const textWidth = Math.max(...lines.map((line) => ctx.measureText(line).width));
      const width = Math.ceil(textWidth + look.halo + PAD * 2);
      const height = lineHeight * lines.length + look.halo + PAD * 2;
      if (x + width > WIDTH) [x, y, rowHeight] = [0, y + rowHeight, 0];
      if (y + height > HEIGHT) return { uv: [0, 0, 0, 0] as AtlasRect['uv'], width: 0, height: 0 };
      const cx = x + width / 2 + look.spacing / 2;
      lines.forEach((line, i) => {
        const cy = y + PAD + look.halo / 2 + lineHeight * (i + 0.5);
        ctx.lineWidth = look.halo;
        ctx.strokeStyle = '#00ff00';
        ctx.strokeText(line, cx, cy);
        ctx.fillStyle = '#00ff00';
        ctx.fillText(line, cx, cy);
        ctx.fillStyle = '#ff0000';
        ctx.fillText(line, cx, cy);
      });
      const rect: AtlasRect = { uv: [x / WIDTH, 1 - (y + height) / HEIGHT, (x + width) / WIDTH, 1 - y / HEIGHT], width, height };
      x += width;
      rowHeight = Math.max(rowHeight, height);
      return rect;
    });
    return rects;
  }

  dispose(): void {
    this.made.dispose();
    // Lets the browser drop the canvas's backing store at once.
    this.canvas.width = this.canvas.height = 0;
  }

  private split(text: string): string[] {
    const words = text.split(' ');
    if (words.length < 2) return [text];
    const half = Math.ceil(words.length / 2);
    return [words.slice(0, half).join(' '), words.slice(half).join(' ')];
  }
}
