// Drives headless Chromium through players.html for the browser test: opens one page per player,
// waits until every one has started playing, lets them play, and prints every page's record as
// one JSON object on stdout. Usage: node play.mjs CONFIG_JSON, where the config is
// {"chromium": PATH, "page": URL of players.html, "seconds": N, "startTimeout": N,
//  "players": [{"name": ..., "player": "hls"|"dash", "src": URL}]}.
import {chromium} from 'playwright-core';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const config = JSON.parse(process.argv[2]);
const profile = mkdtempSync(join(tmpdir(), 'cascade-chromium-'));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const context = await chromium.launchPersistentContext(profile, {
  executablePath: config.chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--autoplay-policy=no-user-gesture-required',
    '--disable-background-media-suspend', '--disable-renderer-backgrounding',
    '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows',
    // Nothing but this machine: a player's request for anything else fails at once, and is reported.
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'],
});
const result = {};
try {
  const pages = [];
  for (const p of config.players) {
    const page = await context.newPage();
    const extra = {console: [], failedRequests: []};
    page.on('console', (m) => {
      if (m.type() === 'error' && extra.console.length < 20) extra.console.push(m.text());
    });
    page.on('pageerror', (e) => extra.console.length < 20 && extra.console.push(String(e)));
    page.on('requestfailed', (r) => extra.failedRequests.length < 20
        && extra.failedRequests.push(r.url() + ' ' + (r.failure() && r.failure().errorText)));
    const url = config.page + '?player=' + p.player + '&src=' + encodeURIComponent(p.src);
    await page.goto(url);
    pages.push({...p, page, extra});
  }
  const deadline = Date.now() + config.startTimeout * 1000;
  while (Date.now() < deadline) {
    const reports = await Promise.all(pages.map((p) => p.page.evaluate(() => window.report())));
    if (reports.every((r) => r.startedAt !== null)) break;
    await sleep(250);
  }
  await sleep(config.seconds * 1000);
  for (const p of pages) {
    result[p.name] = {...(await p.page.evaluate(() => window.report())), ...p.extra};
  }
} finally {
  await context.close();
  rmSync(profile, {recursive: true, force: true});
}
process.stdout.write(JSON.stringify(result) + '\n');
