// `npm test` without a browser: it stops at once and says how to get one.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('stops at once without Chromium, saying how to install it', () => {
  const runner = fileURLToPath(new URL('../run-all.js', import.meta.url));
  const result = spawnSync(process.execPath, [runner], { env: { ...process.env, CHROME_PATH: '/nonexistent/chromium' }, encoding: 'utf8', timeout: 20_000 });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('Chromium was not found at /nonexistent/chromium');
  expect(result.stderr).toContain('apt-get install chromium');
  expect(result.stderr).toContain('CHROME_PATH');
  // It gave up before building or running anything.
  expect(result.stdout).not.toContain('===');
});
