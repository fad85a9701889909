// The map's WebGL renderer, set up in one place so that the bench's floor page
// (tests/bench/floor/) draws with exactly the kiosk's settings: the same
// context options, pixel ratio, colour space and tone mapping, and the same
// multisampling choice (off on a software rasteriser, where it quadruples the
// CPU cost of every frame).

import { NoToneMapping, SRGBColorSpace, WebGLRenderer } from 'three';
import { isSoftwareRenderer, probeRendererName } from './software-renderer.js';

export interface MapRenderer {
  renderer: WebGLRenderer;
  /** Whether the canvas multisamples (render targets follow it). */
  antialias: boolean;
}

export function createMapRenderer(canvas: HTMLCanvasElement, antialias?: boolean): MapRenderer {
  const multisample = antialias ?? !isSoftwareRenderer(probeRendererName());
  const renderer = new WebGLRenderer({ canvas, antialias: multisample, powerPreference: 'high-performance' });
  renderer.setPixelRatio(1);
  renderer.outputColorSpace = SRGBColorSpace;
  renderer.toneMapping = NoToneMapping;
  return { renderer, antialias: multisample };
}
