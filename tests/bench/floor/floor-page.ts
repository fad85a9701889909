// The bench's floor: what any three.js page costs on this machine. It draws
// with the kiosk's own renderer settings (createMapRenderer) and, every
// animation frame, clears the screen and draws one full-screen textured plane.
// Every frame figure of the bench is given as a ratio to this page's. It
// answers window.crossroads.stats() and .ready like the kiosk, so the bench
// measures it with the same code. Bench only: not part of the kiosk's build.

import { CanvasTexture, Color, Mesh, MeshBasicMaterial, OrthographicCamera, PlaneGeometry, Scene, SRGBColorSpace } from 'three';
import { createMapRenderer } from '../../../kiosk/scene/map-renderer.js';
import { PALETTE } from '../../../kiosk/scene/map-style.js';

const canvas = document.querySelector('canvas')!;
const { renderer } = createMapRenderer(canvas);
const scene = new Scene();
scene.background = new Color(PALETTE.background);
const camera = new OrthographicCamera(-1, 1, 1, -1, 0, 1);

// A texture with something in it (a gradient and a grid), as a map would have.
const picture = document.createElement('canvas');
picture.width = 1024;
picture.height = 512;
const ctx = picture.getContext('2d')!;
const gradient = ctx.createLinearGradient(0, 0, 1024, 512);
gradient.addColorStop(0, '#1c425c');
gradient.addColorStop(1, '#4b5a55');
ctx.fillStyle = gradient;
ctx.fillRect(0, 0, 1024, 512);
ctx.strokeStyle = '#3f6f8e';
for (let x = 0; x <= 1024; x += 64) ctx.strokeRect(x, 0, 0, 512);
for (let y = 0; y <= 512; y += 64) ctx.strokeRect(0, y, 1024, 0);
const texture = new CanvasTexture(picture);
texture.colorSpace = SRGBColorSpace;
scene.add(new Mesh(new PlaneGeometry(2, 2), new MeshBasicMaterial({ map: texture })));

let frames = 0;
let resolveReady!: () => void;
const ready = new Promise<void>((resolve) => (resolveReady = resolve));
const resize = (): void => renderer.setSize(canvas.clientWidth, canvas.clientHeight, false);
new ResizeObserver(resize).observe(canvas);
resize();
renderer.setAnimationLoop(() => {
  renderer.render(scene, camera);
  frames++;
  resolveReady();
});

const stats = (): object => ({ drawCalls: renderer.info.render.calls, triangles: renderer.info.render.triangles, frames });
Object.defineProperty(window, 'crossroads', { value: Object.freeze({ scenario: 'floor', stats, ready }) });
