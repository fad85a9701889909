// What the map scene reports about itself (window.crossroads.stats()) and how
// it is made.

import type { MapLayerName } from './map-layers.js';

export interface SceneStats {
  /** Draw calls and triangles of the picture on screen: the ground's last draw and the frame over it. */
  drawCalls: number;
  triangles: number;
  geometries: number;
  textures: number;
  programs: number;
  /** Shader programs compiled so far (three numbers them in order): a program reused is not compiled again. */
  programsCompiled: number;
  heapBytes: number | null;
  /** Frames drawn on screen; a still map draws none. */
  frames: number;
  /** Animation frames the map looked at, drawn or not (a still map's count grows, its frames do not). */
  checks: number;
  /** The ground on screen is the one drawn for the camera as it is (false while a move reuses an earlier one). */
  groundExact: boolean;
}

export interface MapSceneOptions {
  /** false: no animation loop; tests drive frames with step(). */
  loop?: boolean;
  /** Multisampling; by default on, except on a software rasteriser. */
  antialias?: boolean;
  /** The layers drawn (the bench prices them one by one); every layer by default. */
  layers?: ReadonlySet<MapLayerName>;
  /** Draw every animation frame, ground included, moving or not (the bench's price per frame). */
  everyFrame?: boolean;
}
