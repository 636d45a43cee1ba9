// Logging in and out on a tablet: errors in Vietnamese, the home page, the language switch.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { eventually, expectText, it, start, tablet } from './harness.mjs';

describe('login', () => {
  let app;
  let page;
  const problems = []; // console errors, page errors and failed non-API loads, checked last

  before(async () => {
    app = await start(import.meta.url);
    page = app.page;
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      // Chromium logs every non-2xx fetch; the expected 401/429 answers are checked below.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && !new URL(r.url()).pathname.startsWith('/api/')) problems.push(`${r.status()} ${r.url()}`);
    });
  });

  after(async () => {
    await app?.close();
  });

  const shot = (name) => page.screenshot({ path: join(app.out, name), fullPage: true });
  const username = () => page.getByLabel('Tên đăng nhập');
  const password = () => page.getByLabel('Mật khẩu', { exact: true });
  const submit = () => page.getByRole('button', { name: 'Đăng nhập' });
  const alert = () => page.locator('.login-card [role=alert]');
  const lang = () => page.evaluate(() => document.documentElement.lang);
  const path = () => new URL(page.url()).pathname;

  it('sends an anonymous visitor to the login page, in Vietnamese', async () => {
    await page.goto('/');
    await eventually(path, '/login');
    await expectText(page.getByRole('heading', { level: 1 }), 'Đăng nhập');
    assert.equal(await lang(), 'vi');
    assert.equal(await page.title(), 'Đăng nhập · Chancery');
    await eventually(() => username().evaluate((el) => el === document.activeElement), true);
  });

  it('offers to try again when the server cannot be reached at start-up', async () => {
    await page.route('**/api/v1/me', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await expectText(page.getByRole('heading', { level: 1 }), 'Không kết nối được với máy chủ');
    await page.unroute('**/api/v1/me');
    await page.getByRole('button', { name: 'Thử lại' }).click();
    await expectText(page.getByRole('heading', { level: 1 }), 'Đăng nhập');
  });

  it('names the empty fields next to them', async () => {
    await submit().click();
    await expectText(page.locator('.field-error').first(), 'Vui lòng nhập tên đăng nhập.');
    assert.equal(await username().getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('.field-error').nth(1).textContent(), 'Vui lòng nhập mật khẩu.');
  });

  it('shows or hides the password on request', async () => {
    await password().fill('bí mật');
    assert.equal(await password().getAttribute('type'), 'password');
    await page.getByLabel('Hiện mật khẩu').check();
    assert.equal(await password().getAttribute('type'), 'text');
    await page.getByLabel('Hiện mật khẩu').uncheck();
    assert.equal(await password().getAttribute('type'), 'password');
  });

  it('says in Vietnamese that the password is wrong, with the button disabled meanwhile', async () => {
    let disabledWhileWaiting;
    await page.route('**/api/v1/auth/login', async (route) => {
      disabledWhileWaiting = await page.getByRole('button', { name: 'Đang đăng nhập…' }).isDisabled();
      await route.continue();
    });
    await username().fill('daibieu1');
    await password().fill('sai-mat-khau');
    await submit().click();
    await expectText(alert(), 'Tên đăng nhập hoặc mật khẩu không đúng.');
    await page.unroute('**/api/v1/auth/login');
    assert.equal(disabledWhileWaiting, true);
    assert.equal(await password().inputValue(), '', 'the wrong password is cleared');
    assert.equal(await page.locator('.field-error').count(), 0);
    await shot('login-error.png');
  });

  it('tells how long to wait after too many failures (429)', async () => {
    // Eight failures lock daibieu3 for 4 s (5 free, then 1, 2, 4 s); wait out the shorter locks.
    for (let failures = 0; failures < 8; ) {
      const res = await app.context.request.post('/api/v1/auth/login', { data: { username: 'daibieu3', password: 'x' } });
      if (res.status() === 401) failures++;
      else {
        assert.equal(res.status(), 429);
        await new Promise((ok) => setTimeout(ok, 1000 * Number(res.headers()['retry-after'])));
      }
    }
    await username().fill('daibieu3');
    await password().fill('x');
    await submit().click();
    await eventually(async () => /^Bạn đã nhập sai quá nhiều lần\. Vui lòng thử lại sau [1-4] giây\.$/.test(
      (await alert().textContent()).trim()), true);
  });

  it('says the server cannot be reached when the network is down', async () => {
    await page.route('**/api/v1/auth/login', (route) => route.abort('internetdisconnected'));
    await username().fill('daibieu1');
    await password().fill('demo');
    await submit().click();
    await expectText(alert(), 'Không kết nối được với máy chủ. Vui lòng kiểm tra mạng Wi-Fi và thử lại.');
    await page.unroute('**/api/v1/auth/login');
  });

  it('logs a delegate in with the keyboard and greets them by full name', async () => {
    await username().fill('');
    await username().focus();
    await page.keyboard.type('daibieu1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
    await expectText(page.getByRole('heading', { level: 1 }), 'Xin chào, Nguyễn Văn An');
    assert.equal(path(), '/');
    assert.equal(await page.title(), 'Trang chủ · Chancery');
    await expectText(page.locator('.chip'), 'Đại biểu');
    assert.ok(await page.locator('main').getByText('Hội đồng nhân dân tỉnh Bắc An').isVisible());
    assert.ok(await page.locator('main').getByText('Đại biểu HĐND tỉnh').isVisible());
    assert.equal(await page.getByRole('link', { name: 'Trang chủ' }).getAttribute('aria-current'), 'page');
    await shot('home.png');
    await page.setViewportSize({ width: tablet.height, height: tablet.width });
    await shot('home-landscape.png');
    await page.setViewportSize(tablet);
  });

  it('switches to English, keeps it over a reload, and switches back', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expectText(page.getByRole('heading', { level: 1 }), 'Hello, Nguyễn Văn An');
    assert.equal(await lang(), 'en');
    assert.equal(await page.locator('.chip').textContent(), 'Delegate');
    await shot('home-en.png');
    await page.reload();
    await expectText(page.getByRole('heading', { level: 1 }), 'Hello, Nguyễn Văn An');
    assert.equal(await lang(), 'en');
    await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
    await expectText(page.getByRole('heading', { level: 1 }), 'Xin chào, Nguyễn Văn An');
    assert.equal(await lang(), 'vi');
    assert.equal(await page.evaluate(() => localStorage.getItem('chancery.locale')), 'vi');
  });

  it('sends the user to login when the session ends, and back afterwards', async () => {
    await page.goto('/khong-co-trang-nay');
    await expectText(page.getByRole('heading', { level: 1 }), 'Không tìm thấy trang');
    await app.context.clearCookies(); // as if the session had expired on the server
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange'))); // tablet wakes
    await eventually(() => page.url(), `${app.baseURL}/login?next=%2Fkhong-co-trang-nay`);
    await expectText(alert(), 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.');
    await username().fill('daibieu1');
    await password().fill('demo');
    await submit().click();
    await expectText(page.getByRole('heading', { level: 1 }), 'Không tìm thấy trang');
    assert.equal(path(), '/khong-co-trang-nay');
  });

  it('logs out from the user menu and ends the session', async () => {
    const toggle = page.getByRole('button', { name: 'Tài khoản: Nguyễn Văn An' });
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await shot('user-menu.png');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await eventually(path, '/login');
    await expectText(page.getByRole('heading', { level: 1 }), 'Đăng nhập');
    assert.equal(await alert().textContent(), '', 'logging out is not an expired session');
    assert.equal(await page.evaluate(async () => (await fetch('/api/v1/me')).status), 401);
    await page.goto('/');
    await eventually(path, '/login');
  });

  it('brings a visitor back to the address they asked for after logging in', async () => {
    await page.goto('/khong-co-trang-nay');
    await eventually(() => page.url(), `${app.baseURL}/login?next=%2Fkhong-co-trang-nay`);
    await username().fill('daibieu1');
    await password().fill('demo');
    await submit().click();
    await expectText(page.getByRole('heading', { level: 1 }), 'Không tìm thấy trang');
    assert.equal(path(), '/khong-co-trang-nay');
  });

  it('ignores a ?next= that leads off the site or back to login', async () => {
    for (const next of ['//evil.example/x', '/login']) {
      await page.goto(`/login?next=${encodeURIComponent(next)}`);
      await eventually(() => page.url(), `${app.baseURL}/`);
      await expectText(page.getByRole('heading', { level: 1 }), 'Xin chào, Nguyễn Văn An');
    }
  });

  it('ran without script errors, CSP violations or missing files', () => {
    assert.deepEqual(problems, []);
  });
});
