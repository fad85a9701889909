// GLSL for the label layer: screen-aligned text quads snapped to whole pixels
// (the atlas is drawn at screen size, so letters stay crisp), leader lines
// from a dot to its name set further off, and round markers for places.

export const labelVertex = /* glsl */ `
  attribute vec3 anchor;
  attribute vec4 uvRect;
  attribute vec2 size;
  attribute vec2 shift;
  attribute float alpha;
  attribute float labelStyle;
  uniform vec2 viewport;
  varying vec2 vUv;
  varying float vAlpha;
  varying float vStyle;
  void main() {
    vec4 clip = projectionMatrix * viewMatrix * vec4(anchor, 1.0);
    vUv = mix(uvRect.xy, uvRect.zw, position.xy);
    vAlpha = alpha;
    vStyle = labelStyle;
    if (clip.w <= 0.0 || alpha < 0.004) {
      gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
      return;
    }
    vec2 px = floor((clip.xy / clip.w * 0.5 + 0.5) * viewport + shift + 0.5) + position.xy * size;
    gl_Position = vec4(px / viewport * 2.0 - 1.0, 0.0, 1.0);
  }
`;

export const labelFragment = /* glsl */ `
  uniform sampler2D atlas;
  uniform vec3 styleColor[5];
  uniform vec3 haloColor;
  varying vec2 vUv;
  varying float vAlpha;
  varying float vStyle;
  void main() {
    vec4 t = texture2D(atlas, vUv);
    int style = int(vStyle + 0.5);
    vec3 c = mix(haloColor, styleColor[style], t.r);
    // Sea names are quieter in colour, not in legibility: their halo still gives 4.5:1.
    float halo = style == 3 ? 0.86 : 0.82;
    float a = max(t.r, t.g * halo) * vAlpha;
    if (a < 0.01) discard;
    gl_FragColor = vec4(c, a);
    #include <colorspace_fragment>
  }
`;

export const markerVertex = /* glsl */ `
  attribute float alpha;
  attribute float marker;
  varying float vAlpha;
  varying float vMarker;
  void main() {
    vAlpha = alpha;
    vMarker = marker;
    gl_PointSize = marker > 1.5 ? 17.0 : 13.0;
    vec4 clip = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
    gl_Position = alpha < 0.01 || marker < 0.5 ? vec4(2.0, 2.0, 2.0, 1.0) : clip;
  }
`;

export const markerFragment = /* glsl */ `
  uniform vec3 fill;
  uniform vec3 ring;
  varying float vAlpha;
  varying float vMarker;
  void main() {
    float r = length(gl_PointCoord - 0.5) * 2.0;
    if (r > 1.0) discard;
    // Place: a light dot in a dark ring. Capital: a light ring around a dot. Actor: an open ring.
    float light = vMarker > 2.5 ? step(0.55, r) * step(r, 0.8)
      : vMarker > 1.5 ? max(step(r, 0.3), step(0.5, r) * step(r, 0.75))
      : step(r, 0.6);
    gl_FragColor = vec4(mix(ring, fill, light), vAlpha * (1.0 - smoothstep(0.85, 1.0, r)));
    #include <colorspace_fragment>
  }
`;

// One leader per label instance, drawn only where the layout asked for one: a
// light line with a dark edge, so it reads on land and on sea alike. A hidden
// dot's leader (2) starts at its spot, inside the cluster of dots over it. A
// crowded country's may start at another point of its land (leaderFrom).
export const leaderVertex = /* glsl */ `
  attribute vec3 anchor;
  attribute vec2 size;
  attribute vec2 shift;
  attribute float alpha;
  attribute float leader;
  attribute vec2 leaderFrom;
  uniform vec2 viewport;
  uniform float inset;
  uniform float start;
  uniform float clusterStart;
  varying float vAcross;
  varying float vAlpha;
  void main() {
    vec4 clip = projectionMatrix * viewMatrix * vec4(anchor, 1.0);
    vAlpha = alpha;
    vAcross = position.y * 2.0 - 1.0;
    if (clip.w <= 0.0 || alpha < 0.004 || leader < 0.5) {
      gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
      return;
    }
    vec2 at = (clip.xy / clip.w * 0.5 + 0.5) * viewport;
    // The letters' box, as the label shader places it.
    vec2 lo = floor(at + shift + 0.5) + inset;
    vec2 dot = at + leaderFrom;
    vec2 end = clamp(dot, lo, lo + size - 2.0 * inset);
    vec2 d = end - dot;
    float len = length(d);
    float lineStart = leader > 1.5 ? clusterStart : start;
    if (len <= max(lineStart, start)) {
      gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
      return;
    }
    vec2 dir = d / len;
    vec2 px = mix(dot + dir * lineStart, end, position.x) + vec2(-dir.y, dir.x) * vAcross * 2.0;
    gl_Position = vec4(px / viewport * 2.0 - 1.0, 0.0, 1.0);
  }
`;

export const leaderFragment = /* glsl */ `
  uniform vec3 fill;
  uniform vec3 halo;
  varying float vAcross;
  varying float vAlpha;
  void main() {
    gl_FragColor = vec4(mix(fill, halo, step(0.45, abs(vAcross))), vAlpha * 0.95);
    #include <colorspace_fragment>
  }
`;
