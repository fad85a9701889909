// Whether WebGL runs on a software rasteriser (SwiftShader, llvmpipe): the
// fallback when a kiosk's GPU driver fails. There, multisampling quadruples
// the CPU cost of every frame, so the map draws without it.

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software/i;

export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE.test(name);
}

/** Asks a throwaway context which renderer WebGL would use; '' when it cannot tell. */
export function probeRendererName(): string {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return '';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return name;
}
