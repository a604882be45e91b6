import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { browserSystem, newUser, signIn, visit } from './support.js';

/**
 * The web app and the API docs work under their Content-Security-Policy (apps/api/src/common/http-hardening.ts),
 * and another site cannot frame the app's approve and cut-off buttons. newUser() reports every
 * `securitypolicyviolation` and every "Refused to …" console line as a problem.
 */
describe('browser: the pages under their Content-Security-Policy', () => {
  const sys = browserSystem();
  let otherSite: Server;
  let otherOrigin: string;
  beforeAll(async () => {
    // Another origin (another port) whose page frames the app.
    otherSite = createServer((_req, res) => res.setHeader('content-type', 'text/html').end(`<!doctype html><iframe id="app" src="${sys.api.baseUrl}/" width="800" height="600"></iframe>`));
    await new Promise<void>((r) => otherSite.listen(0, '127.0.0.1', r));
    otherOrigin = `http://127.0.0.1:${(otherSite.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => otherSite?.close(r));
  });

  it('signing in and opening the pages of several roles sends a CSP and breaks none of it: no violation, no console error', async () => {
    for (const [username, paths] of [['supervisor', ['/inbox', '/requests']], ['hr', ['/hr', '/audit']], ['it', ['/it']]] as const) {
      const { context, page, problems } = await newUser(sys.browser, sys.api.baseUrl, { lang: 'en' });
      try {
        const doc = await page.goto('/');
        expect(doc?.headers()['content-security-policy']).toMatch(/default-src 'self'.*script-src 'self'/);
        await signIn(page, username);
        for (const path of paths) await visit(page, path);
        expect({ username, problems }).toEqual({ username, problems: [] });
      } finally {
        await context.close();
      }
    }
  });

  it('another site cannot show the app in a frame (frame-ancestors none): Chromium shows its error page there, not the sign-in form', async () => {
    const { context, page } = await newUser(sys.browser, sys.api.baseUrl);
    try {
      await page.goto(otherOrigin);
      const frame = await (await page.waitForSelector('#app')).contentFrame();
      await frame?.waitForLoadState('load');
      // Chromium replaces a frame it refuses with its error page; an app it allowed would be at its own URL.
      expect(frame?.url()).toBe('chrome-error://chromewebdata/');
      await expect(page.frameLocator('#app').locator('input[name=username]').count()).resolves.toBe(0);
    } finally {
      await context.close();
    }
  });

  it('the API docs (Swagger UI) render under their own CSP with no violation', async () => {
    const { context, page, problems } = await newUser(sys.browser, sys.api.baseUrl);
    try {
      const doc = await page.goto('/api/docs');
      expect(doc?.headers()['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      await page.locator('.swagger-ui .info .title').waitFor();
      await page.locator('.opblock').first().waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
