// Finds the files a manifest names (images, sounds, data, fonts...), so a
// pack that points at an asset it does not carry is refused at install time
// rather than showing a hole on screen.

const ASSET_EXTENSIONS =
  'png|jpe?g|webp|avif|gif|svg|mp3|ogg|oga|opus|wav|m4a|aac|flac|mp4|webm|m4v|vtt|srt|json|geojson|topojson|glb|gltf|bin|ktx2|woff2?|ttf|otf|txt|md|html?|css|pdf';
// No spaces, no scheme: a sentence or a URL is not an asset path.
const ASSET_PATH = new RegExp(`^[^\\s:?#*"<>|]+\\.(?:${ASSET_EXTENSIONS})$`, 'i');

export interface AssetReference {
  /** Where in the manifest, e.g. `scenarios[2].image`. */
  field: string;
  path: string;
}

/** Every string in the manifest that reads as a pack-relative file path. */
export function findAssetReferences(manifest: unknown): AssetReference[] {
  const found: AssetReference[] = [];
  const visit = (value: unknown, field: string): void => {
    if (typeof value === 'string') {
      if (ASSET_PATH.test(value)) found.push({ field, path: value.replace(/^\.\//, '') });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${field}[${index}]`));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        // `files` is checked file by file; `$schema` points at the editor's schema, not an asset.
        if (field === '' && (key === 'files' || key === '$schema')) continue;
        visit(item, field ? `${field}.${key}` : key);
      }
    }
  };
  visit(manifest, '');
  return found;
}
