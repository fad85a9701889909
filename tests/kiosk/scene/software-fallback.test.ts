import { expect } from '@esm-bundle/chai';
import { MapScene } from '../../../kiosk/scene/map-scene.js';
import { isSoftwareRenderer, probeRendererName } from '../../../kiosk/scene/software-renderer.js';

describe('MapScene on a software rasteriser', () => {
  it('draws without multisampling there (the test browser runs SwiftShader)', () => {
    const name = probeRendererName();
    expect(isSoftwareRenderer(name), name).to.equal(true);
    const canvas = document.createElement('canvas');
    document.body.append(canvas);
    const scene = new MapScene(canvas, { loop: false });
    try {
      const gl = (scene as unknown as { painter: { renderer: { getContext(): WebGL2RenderingContext } } }).painter.renderer.getContext();
      expect(gl.getContextAttributes()!.antialias).to.equal(false);
      expect(isSoftwareRenderer(scene.rendererName())).to.equal(true);
    } finally {
      scene.dispose();
      canvas.remove();
    }
  });
});
