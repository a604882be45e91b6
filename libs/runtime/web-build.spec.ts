import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webBuildNeeded } from './web-build.js';

/** `npm start` and the browser tests rebuild the web app only when it is missing or stale. */
describe('web build staleness', () => {
  let dir: string;
  const touch = (path: string, secondsAgo: number) => {
    const t = Date.now() / 1000 - secondsAgo;
    utimesSync(path, t, t);
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'web-build-'));
    mkdirSync(join(dir, 'src', 'pages'), { recursive: true });
    writeFileSync(join(dir, 'src', 'pages', 'Home.tsx'), 'x');
    writeFileSync(join(dir, 'index.html'), 'x');
    writeFileSync(join(dir, 'lock.json'), '{}');
    for (const p of ['src/pages/Home.tsx', 'src/pages', 'src', 'index.html', 'lock.json']) touch(join(dir, p), 100);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('asks for a build when there is none', () => {
    expect(webBuildNeeded(dir, join(dir, 'lock.json'))).toMatch(/missing/);
  });

  it('is up to date when the build is newer than every source, and stale when a nested source changes', () => {
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'index.html'), 'built');
    touch(join(dir, 'dist', 'index.html'), 50);
    expect(webBuildNeeded(dir, join(dir, 'lock.json'))).toBeNull();
    touch(join(dir, 'src', 'pages', 'Home.tsx'), 10);
    expect(webBuildNeeded(dir, join(dir, 'lock.json'))).toMatch(/changed/);
  });

  it('is stale after a dependency change (the lockfile)', () => {
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'index.html'), 'built');
    touch(join(dir, 'dist', 'index.html'), 50);
    touch(join(dir, 'lock.json'), 1);
    expect(webBuildNeeded(dir, join(dir, 'lock.json'))).toMatch(/changed/);
  });
});
