import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer } from '../../../kiosk/scene/software-renderer.js';

describe('isSoftwareRenderer', () => {
  it('knows the software fallbacks', () => {
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 128 bits)')).toBe(true);
  });
  it('leaves real GPUs alone', () => {
    expect(isSoftwareRenderer('V3D 7.1')).toBe(false);
    expect(isSoftwareRenderer('ANGLE (Broadcom, V3D 4.2, OpenGL ES 3.1)')).toBe(false);
    expect(isSoftwareRenderer('')).toBe(false);
  });
});
