import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedDemoData } from '../seeds';
import { ARTIFACTS_DIR, launchChromium } from './support/browser';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/test-app';

// The explorer and the live board in a real headless Chromium, with every request that
// leaves the server's own origin refused: what works here works offline.
describe('browser pages', () => {
  let t: TestApp;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const outside: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await seedDemoData(t.app.dataSource);
    origin = new URL(t.url).origin;
    browser = await launchChromium();
  }, 60_000);

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1400, height: 800 } });
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === origin || url.protocol === 'data:') return route.continue();
      outside.push(url.toString());
      return route.abort('internetdisconnected');
    });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
  });

  afterEach(async () => {
    await context.close();
    expect(outside).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.dispose();
  });

  /** Moves one open task of the launch to SKIPPED through the API; returns the new closed count. */
  async function closeOneTask(launchName: string): Promise<{ launchId: string; closed: number }> {
    const res = await t.gql(
      `query { launches(first: 50) { edges { node { id name checklistStatus { closedCount }
         tasks(first: 1, filter: { status: [TODO] }) { edges { node { id version } } } } } } }`,
    );
    const launch = res
      .data!.launches.edges.map((e: { node: any }) => e.node)
      .find((l: { name: string }) => l.name === launchName);
    const task = launch.tasks.edges[0].node;
    const updated = await t.gql(
      `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { id status } } }`,
      { input: { id: task.id, expectedVersion: task.version, status: 'SKIPPED' } },
    );
    expect(updated.errors).toBeUndefined();
    return { launchId: launch.id, closed: launch.checklistStatus.closedCount + 1 };
  }

  it('shows the demo launches on /board and updates a row live when a task changes', async () => {
    await page.goto(`${origin}/board`);
    await page.fill('#token', ADMIN_TOKEN);
    await page.locator('#token').dispatchEvent('change');
    await page.locator('tr[data-launch-id]').nth(4).waitFor();
    const names = await page.locator('tr[data-launch-id] strong').allTextContents();
    expect(names.sort()).toEqual([
      'Dark Mode',
      'Mobile Offline Sync',
      'SSO for Teams',
      'Usage-based Billing',
      'Workflow Automations GA',
    ]);
    await page.locator('#status.live').waitFor();

    // Health comes with its reasons: Usage-based Billing a week out misses SUPPORT's
    // sign-off and its GO went stale when the date moved (the demo data).
    const billing = page.locator('tr[data-launch-id]', { hasText: 'Usage-based Billing' });
    await billing.locator('li[data-code="SIGN_OFF_MISSING"]').waitFor();
    await billing.locator('li[data-code="DECISION_STALE"]').waitFor();
    expect(await billing.locator('li.reason').count()).toBeGreaterThanOrEqual(2);
    const darkMode = page.locator('tr[data-launch-id]', { hasText: 'Dark Mode' });
    await darkMode.locator('[data-field="reasons"]').waitFor({ state: 'attached' });

    const { launchId, closed } = await closeOneTask('Usage-based Billing');
    const row = page.locator(`tr[data-launch-id="${launchId}"]`);
    // A string: this project compiles without the DOM types.
    await page.waitForFunction(
      `document.querySelector('tr[data-launch-id="${launchId}"]')?.dataset.closed === '${closed}'`,
      undefined,
      { timeout: 2000 },
    );
    expect(await row.locator('[data-field="complete"] .counts').textContent()).toMatch(
      new RegExp(`^${closed} of \\d+ tasks closed$`),
    );
    // The reasons are fetched again after the change and are still shown.
    await row.locator('li[data-code="SIGN_OFF_MISSING"]').waitFor();
    // The token is kept: a reload shows the board without asking again.
    await page.reload();
    await page.locator('tr[data-launch-id]').nth(4).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'launch-board.png'), fullPage: true });
  }, 120_000);

  it('serves GraphiQL at / and /graphql with schema docs, the token field and subscriptions', async () => {
    const html = await fetch(t.url, { headers: { accept: 'text/html' } }).then((r) => r.text());
    expect(html).toContain('/assets/vendor/graphiql.js');
    await page.goto(`${origin}/`);
    await page.evaluate(`localStorage.setItem('launch-api-token', '${ADMIN_TOKEN}')`);
    const launch = (
      await t.gql(
        `query { launches(first: 1, filter: { status: [PLANNING] }) { edges { node { id name } } } }`,
      )
    ).data!.launches.edges[0].node;
    const subscription = `subscription { checklistStatusChanged(launchId: "${launch.id}") { id closedCount revision } }`;
    await page.goto(`${origin}/graphql?query=${encodeURIComponent(subscription)}`);
    await page.locator('.graphiql-container').waitFor();
    expect(await page.inputValue('#token')).toBe(ADMIN_TOKEN);

    await page.getByRole('button', { name: /documentation explorer/i }).click();
    await page.getByText('Root Types').waitFor();
    await page.getByText('subscription: Subscription').waitFor();

    await page.locator('.graphiql-execute-button').click();
    const response = page.locator('.graphiql-response');
    await response.getByText('"revision"').waitFor();
    const { closed } = await closeOneTask(launch.name);
    await response.getByText(`"closedCount": ${closed}`).waitFor({ timeout: 2000 });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'graphiql.png') });
  }, 120_000);
});
