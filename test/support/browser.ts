import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Screenshots and other test artefacts (git-ignored). */
export const ARTIFACTS_DIR = path.join(__dirname, '../../test-artifacts');

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Debian's chromium (installed by .ci/run) driven by Playwright's library; no browser download. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = CANDIDATES.find((file): file is string => !!file && existsSync(file));
  if (!executablePath) {
    throw new Error(
      'No Chromium found (tried CHROMIUM_PATH, /usr/bin/chromium): `apt-get install -y chromium` (.ci/run does)',
    );
  }
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
}
