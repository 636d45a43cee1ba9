// Shared by the e2e tests: a throwaway Chancery server with demo data and Debian's chromium
// in a tablet-sized window. start() gives both; close() stops them and fails if the server
// did not exit cleanly. Configured by ctest (see CMakeLists.txt):
//   CHANCERY_BIN      the chancery executable (its ../web must hold the built client)
//   CHANCERY_E2E_OUT  where logs and screenshots go (one subdirectory per test file)
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { it as nodeIt } from 'node:test';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const { chromium } = await import('playwright-core').catch((e) => {
  throw new Error(`playwright-core is missing: run \`npm ci\` in tests/e2e (${e.message})`);
});

const run = promisify(execFile);
const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];
// iPad Air (portrait) in CSS pixels, at its real pixel density.
export const tablet = { width: 820, height: 1180 };

function requireEnv(name) {
  const value = process.env[name];
  assert.ok(value, `${name} is not set; run the e2e tests through ctest`);
  return value;
}

async function freePort() {
  const server = createServer();
  await new Promise((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

function httpStatus(url) {
  return new Promise((ok, fail) => {
    get(url, (res) => {
      res.resume();
      ok(res.statusCode);
    }).on('error', fail);
  });
}

async function waitForHealth(url, child, log) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    assert.equal(child.exitCode, null, `chancery serve exited early (code ${child.exitCode}); see ${log}`);
    try {
      if ((await httpStatus(`${url}/healthz`)) === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.fail(`chancery serve did not answer /healthz within 30 s; see ${log}`);
}

/** Stops the server with SIGTERM and asserts that it exits with status 0. */
async function stopServer(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    assert.equal(child.exitCode, 0, 'chancery serve had already exited with an error');
    return;
  }
  const exited = new Promise((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const { code, signal } = await exited;
  clearTimeout(timer);
  assert.equal(signal, null, `chancery serve did not stop on SIGTERM and was killed (${signal})`);
  assert.equal(code, 0, `chancery serve exited with status ${code} after SIGTERM`);
}

let current; // the app start() gave last, for failure screenshots

/** node:test's it(), and a screenshot "failed-<test name>.png" when the test fails. */
export function it(name, fn) {
  return nodeIt(name, async (t) => {
    try {
      await fn(t);
    } catch (e) {
      const file = `failed-${name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60)}.png`;
      await current?.page.screenshot({ path: join(current.out, file), fullPage: true }).catch(() => {});
      throw e;
    }
  });
}

/**
 * Starts a server with demo data and a browser. `testFile` is the caller's import.meta.url;
 * its name ("login" for login.test.mjs) names the output directory.
 */
export async function start(testFile) {
  const bin = resolve(requireEnv('CHANCERY_BIN'));
  const webIndex = join(dirname(bin), '..', 'web', 'index.html');
  assert.ok(existsSync(webIndex), `no web client at ${webIndex}; build the "web" target first`);
  const out = join(resolve(requireEnv('CHANCERY_E2E_OUT')), basename(new URL(testFile).pathname, '.test.mjs'));
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });

  const temp = await mkdtemp(join(tmpdir(), 'chancery-e2e-'));
  const data = join(temp, 'data');
  const cleanups = [() => rm(temp, { recursive: true, force: true })];
  const close = async () => {
    const errors = [];
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length) throw errors[0];
  };

  try {
    await run(bin, ['init', '--data', data]);
    await run(bin, ['demo', '--data', data]);

    const port = await freePort();
    const log = join(out, 'server.log');
    const logStream = createWriteStream(log);
    const child = spawn(bin, ['serve', '--data', data, '--host', '127.0.0.1', '--port', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(logStream);
    child.stderr.pipe(logStream);
    // If this process dies without running close(), do not leave the server behind.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    cleanups.push(async () => {
      process.off('exit', killOnExit);
      await stopServer(child);
    });
    const baseURL = `http://127.0.0.1:${port}`;
    await waitForHealth(baseURL, child, log);

    const profile = join(temp, 'chromium');
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      baseURL,
      viewport: tablet,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    cleanups.push(() => context.close());
    context.setDefaultTimeout(10_000);
    const page = context.pages()[0] ?? (await context.newPage());
    current = { baseURL, context, page, out, close };
    return current;
  } catch (e) {
    await close().catch(() => {});
    throw e;
  }
}

/** Waits until `read()` returns `expected`, then asserts it (so a miss shows both values). */
export async function eventually(read, expected, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let actual;
  do {
    actual = await read();
    if (actual === expected) break;
    await new Promise((ok) => setTimeout(ok, 50));
  } while (Date.now() < deadline);
  assert.equal(actual, expected);
}

/** Waits until `locator`'s trimmed text equals `expected`, then asserts it. */
export function expectText(locator, expected) {
  return eventually(async () => (await locator.textContent({ timeout: 500 }).catch(() => null))?.trim(), expected);
}
