// The map's palette and the shader chunk every ground layer shares. Colours
// are sRGB hex (three converts them to its linear working space; each shader
// ends with <colorspace_fragment> so they come out as chosen).

export const PALETTE = {
  /** Beyond the map's extent: the layers fade into it, so no clip edge shows. */
  background: 0x0b1824,
  sea: 0x1c425c,
  seaDeep: 0x12304a,
  graticule: 0x3f6f8e,
  land: 0x4b5a55,
  landHighlight: 0xc4ad7e,
  border: 0x26343a,
  coastGlow: 0x8fb8cc,
  outline: 0xfff4d6,
  labelText: 0xf6f1e4,
  labelCountry: 0xe3ddd0,
  labelHighlight: 0xfff2cc,
  labelSea: 0x9cc9e2,
  labelHalo: 0x08131c,
} as const;

/** Height of land and how far a highlighted country rises (scene units). */
export const LAND_HEIGHT = 0.25;
export const RAISE_HEIGHT = 1.1;
/** Flows and markers float just above the highest land. */
export const FLOW_HEIGHT = LAND_HEIGHT + RAISE_HEIGHT + 0.08;

/** Degrees over which the map fades out toward its extent's edge. */
export const FADE_DEGREES = 6;

/**
 * GLSL that ends a ground shader (sea, land, borders): writes sRGB itself
 * rather than by <colorspace_fragment>, which encodes nothing when drawing
 * into a render target; so the ground cache (ground-cache.ts) holds exactly
 * the bytes a direct draw to the screen would give.
 */
export const SRGB_OUTPUT_GLSL = /* glsl */ `gl_FragColor = sRGBTransferOETF(gl_FragColor);`;

/** GLSL: `uniform vec4 extent` (w, s, e, n) and extentFade(lonlat) -> 0 at the edge, 1 inside. */
export const EXTENT_FADE_GLSL = /* glsl */ `
  uniform vec4 extent;
  float extentFade(vec2 ll) {
    float d = min(min(ll.x - extent.x, extent.z - ll.x), min(ll.y - extent.y, extent.w - ll.y));
    return smoothstep(0.0, ${FADE_DEGREES.toFixed(1)}, d);
  }
`;
