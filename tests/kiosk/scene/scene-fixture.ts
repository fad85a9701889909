// A MapScene on a real 1920x1080 canvas with the bridge's map data and the
// built-in pack (served by the browser-suite config), driven frame by frame.

import type { PackManifest } from '../../../content/schema/pack-types.js';
import type { RegionGeo } from '../../../content/geo/region-geo-types.js';
import { MapScene } from '../../../kiosk/scene/map-scene.js';

export interface SceneFixture {
  scene: MapScene;
  pack: PackManifest;
  geo: RegionGeo;
  canvas: HTMLCanvasElement;
  /** Shader compile errors and other console errors seen while the fixture lived. */
  errors: string[];
  close(): void;
}

let cache: { geo: RegionGeo; pack: PackManifest } | null = null;
const canvases = new WeakMap<MapScene, HTMLCanvasElement>();
const pixel = new Uint8Array(4);

export async function loadData(): Promise<{ geo: RegionGeo; pack: PackManifest }> {
  if (!cache) {
    const [geo, pack] = await Promise.all([fetch('/geo/region.json').then((r) => r.json()), fetch('/fixtures/pack.json').then((r) => r.json())]);
    cache = { geo: geo as RegionGeo, pack: pack as PackManifest };
  }
  return cache;
}

export async function openScene(width = 1920, height = 1080): Promise<SceneFixture> {
  const { geo, pack } = await loadData();
  const canvas = document.createElement('canvas');
  canvas.style.cssText = `position:fixed;left:0;top:0;width:${width}px;height:${height}px`;
  document.body.append(canvas);
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => {
    errors.push(args.map(String).join(' '));
    original.apply(console, args);
  };
  // Multisampling changes no draw call or triangle count, only the software renderer's time.
  const scene = new MapScene(canvas, { loop: false, antialias: false });
  scene.setGeo(geo);
  scene.setPack(pack);
  canvases.set(scene, canvas);
  return {
    scene,
    pack,
    geo,
    canvas,
    errors,
    close() {
      console.error = original;
      scene.dispose();
      canvas.remove();
    },
  };
}

/**
 * Runs `count` frames of `dt` seconds each, then waits for the GPU to finish
 * them. Without the wait, frames drawn in a loop pile up in SwiftShader's queue
 * and the next test pays for them (one test's first frame once took 117 s).
 */
export function frames(scene: MapScene, count: number, dt = 1 / 60): void {
  for (let i = 0; i < count; i++) scene.step(dt);
  flushGpu(scene);
}

/** Blocks until the GPU has drawn everything queued: reading a pixel back waits for it. */
export function flushGpu(scene: MapScene): void {
  const canvas = canvases.get(scene);
  const gl = canvas?.getContext('webgl2');
  if (!gl || gl.isContextLost()) return;
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
}
