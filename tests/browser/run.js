// Browser test of a built tally site, in headless Chromium (Debian's
// chromium driven by playwright-core; no browser is ever downloaded).
//
//   node tests/browser/run.js SITE_DIR OUT_DIR
//
// Serves SITE_DIR on 127.0.0.1 (a random free port, nothing else is
// reachable: every request to another origin is aborted and counted as a
// failure) and checks, as a reader would:
//   navigate    index -> a unit page -> a report page, by clicking links
//   search      typing 网格 in the search box lists reports; a result opens
//   crawl       every href/src on the same origin, from the index (and the
//               404 page), answers 200 and every #fragment exists on its
//               target; every page of sitemap.xml is reached
//   console     no console error, page error or failed request on any page
//   axe         axe-core finds no WCAG 2.1 A/AA violation on any page (at
//               1280 px; the main pages also at 390 px and with search
//               results shown)
//   phone       at 390 px no page scrolls sideways (wide tables scroll
//               inside their own box) and the text stays readable
//   fonts       Chinese text is drawn with a CJK font (no tofu)
//   print       the print style hides navigation and keeps tables whole
//   screenshots index, unit, report, consistency at 1280 and 390 px (and
//               the report in print) into OUT_DIR, for a person to look at
//
// Prints "ok - NAME" or "FAIL: NAME" lines, then "browser: N passed, M
// failed"; exits 1 on a failure, 2 when it could not run.  Every wait has
// a timeout and a watchdog ends the run after BROWSER_TEST_TIMEOUT seconds
// (default 110); the browser and the server are always shut down.
'use strict';
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const here = __dirname;
const jsdir = path.join(here, '..', 'js', 'node_modules');
const { chromium } = require(path.join(jsdir, 'playwright-core'));
const AXE = path.join(jsdir, 'axe-core', 'axe.min.js');

const [siteArg, outArg] = process.argv.slice(2);
if (!siteArg || !outArg) {
	console.error('usage: node run.js SITE_DIR OUT_DIR');
	process.exit(2);
}
const SITE = path.resolve(siteArg);
const OUT = path.resolve(outArg);
const EXE = process.env.CHROMIUM || '/usr/bin/chromium';
const LIMIT = Number(process.env.BROWSER_TEST_TIMEOUT || 110) * 1000;
const STEP = 15000; // any one wait
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const verbose = !!process.env.VERBOSE;

let pass = 0;
let fail = 0;
let over = false; // the watchdog has spoken: nothing more is counted
function ok(name) {
	if (over) return;
	pass++;
	if (verbose) console.log(`ok - ${name}`);
}
function bad(name, detail) {
	if (over) return;
	fail++;
	console.log(`FAIL: ${name}`);
	if (detail) for (const l of String(detail).split('\n')) console.log(`    ${l}`);
}
function expect(name, cond, detail) {
	if (cond) ok(name);
	else bad(name, detail);
	return !!cond;
}

// --- a tiny static server ----------------------------------------------------

const TYPES = {
	'.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8',
	'.csv': 'text/csv; charset=utf-8', '.md': 'text/markdown; charset=utf-8',
	'.xml': 'application/xml; charset=utf-8', '.svg': 'image/svg+xml',
	'.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
	'.webp': 'image/webp', '.txt': 'text/plain; charset=utf-8', '.ico': 'image/x-icon',
};

function serve(root) {
	const server = http.createServer((req, res) => {
		let status = 200;
		let file = null;
		try {
			const u = new URL(req.url, 'http://x');
			const rel = decodeURIComponent(u.pathname);
			if (rel.includes('\0')) throw new Error('nul');
			let p = path.resolve(root, '.' + rel);
			if (p !== root && !p.startsWith(root + path.sep)) throw new Error('outside');
			const st = fs.statSync(p, { throwIfNoEntry: false });
			if (st && st.isDirectory()) {
				if (!rel.endsWith('/')) { // as static hosts do
					res.writeHead(301, { Location: u.pathname + '/' + u.search });
					res.end();
					return;
				}
				p = path.join(p, 'index.html');
			}
			if (fs.statSync(p, { throwIfNoEntry: false })?.isFile()) file = p;
		} catch (e) {
			status = 400;
		}
		if (!file) {
			status = status === 200 ? 404 : status;
			const nf = path.join(root, '404.html');
			file = fs.existsSync(nf) ? nf : null;
		}
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			res.writeHead(405);
			res.end();
			return;
		}
		const body = file ? fs.readFileSync(file) : Buffer.from('not found');
		const type = file ? TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream'
			: 'text/plain';
		res.writeHead(status, {
			'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-store',
		});
		res.end(req.method === 'HEAD' ? undefined : body);
	});
	server.keepAliveTimeout = 1000;
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve(server));
	});
}

// --- helpers -----------------------------------------------------------------

function withTimeout(p, ms, what) {
	let t;
	return Promise.race([p, new Promise((_, rej) => {
		t = setTimeout(() => rej(new Error(`timed out after ${ms} ms: ${what}`)), ms);
	})]).finally(() => clearTimeout(t));
}

// Per page: console errors, page errors and failed or off-site requests,
// attributed to the URL that was showing.
// Problems seen while state.quiet is set (a test that breaks the page on
// purpose) or on the probe of a missing page (its 404 is the point) are
// not counted.
const PROBE = '/__no_such_page__/';
function watch(page, origin, problems, state) {
	const where = () => page.url();
	const note = (s) => {
		if (!state.quiet && !where().includes(PROBE)) problems.push(`${where()}: ${s}`);
	};
	page.on('console', (m) => {
		if (m.type() === 'error' || m.type() === 'assert') note(`console.${m.type()}: ${m.text()}`);
	});
	page.on('pageerror', (e) => note(`page error: ${e.message}`));
	page.on('requestfailed', (r) => {
		const f = r.failure();
		if (r.url().startsWith(origin)) note(`request failed: ${r.url()} (${f ? f.errorText : '?'})`);
	});
	page.on('response', (r) => {
		if (r.status() >= 400 && !r.url().includes(PROBE)) note(`HTTP ${r.status()} for ${r.url()}`);
	});
}

// axe-core on the page as it is now; what it could not decide
// ("incomplete": needs a person) is listed with VERBOSE=1.
async function runAxe(page, label) {
	const has = await page.evaluate(() => typeof window.axe === 'object');
	if (!has) await page.addScriptTag({ path: AXE });
	const res = await withTimeout(page.evaluate((tags) => window.axe.run(document, {
		runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'],
	}).then((res) => {
		const brief = (v) => ({
			id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
			nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${(n.failureSummary || '').replace(/\s+/g, ' ')}`),
		});
		return { violations: res.violations.map(brief), incomplete: res.incomplete.map(brief),
			passes: res.passes.length, version: window.axe.version };
	}), AXE_TAGS), STEP, `axe on ${label}`);
	if (verbose && res.incomplete.length)
		console.log(`    axe ${res.version} on ${label}: needs review: ` +
			res.incomplete.map((v) => `${v.id} (${v.count})` +
				(process.env.VERBOSE === '2' ? '\n      ' + v.nodes.join('\n      ') : '')).join(', '));
	return res;
}

async function axeCheck(page, label) {
	const res = await runAxe(page, label);
	const r = res.violations;
	const detail = r.map((v) => `${v.id} (${v.impact}, ${v.count} node(s)): ${v.help}\n` +
		v.nodes.map((n) => `  ${n}`).join('\n')).join('\n');
	expect(`axe: no WCAG 2.1 AA violation on ${label}`, r.length === 0 && res.passes > 0, detail);
	return r;
}

// The page's own width at a phone's size: nothing may stick out sideways
// except inside a box that scrolls (.table-wrap, pre).
async function phoneCheck(page, label) {
	const r = await page.evaluate(() => {
		const de = document.documentElement;
		const vw = de.clientWidth;
		const out = [];
		for (const el of document.querySelectorAll('body *')) {
			const cs = getComputedStyle(el);
			if (cs.display === 'none' || cs.visibility === 'hidden') continue;
			let p = el.parentElement;
			let scrolls = false;
			for (; p && p !== document.body; p = p.parentElement) {
				const o = getComputedStyle(p).overflowX;
				if (o === 'auto' || o === 'scroll' || o === 'hidden') { scrolls = true; break; }
			}
			if (scrolls) continue;
			const b = el.getBoundingClientRect();
			if (b.width > 0 && (b.right > vw + 1 || b.left < -1) && !el.closest('.skip-link'))
				out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''} ${Math.round(b.left)}..${Math.round(b.right)}`);
		}
		// readable text: no visible text under 12 px
		const small = [];
		const tw = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let n = tw.nextNode(); n; n = tw.nextNode()) {
			if (!n.nodeValue.trim()) continue;
			const el = n.parentElement;
			if (!el || !el.getClientRects().length) continue;
			let fs = parseFloat(getComputedStyle(el).fontSize);
			let min = 12;
			if (el.closest('svg')) { // a chart label: as drawn, scaled with its chart
				const m = el.getScreenCTM();
				fs = Math.round(fs * (m ? Math.hypot(m.a, m.b) : 1) * 10) / 10;
				min = 11;
			}
			if (fs < min) small.push(`${el.tagName.toLowerCase()} ${fs}px "${n.nodeValue.trim().slice(0, 20)}"`);
		}
		return { vw, sw: de.scrollWidth, out: out.slice(0, 8), small: small.slice(0, 8) };
	});
	expect(`phone: ${label} does not scroll sideways at ${PHONE.width} px`,
		r.sw <= r.vw + 1 && r.out.length === 0,
		`page ${r.sw} px wide in a ${r.vw} px viewport; sticking out:\n${r.out.join('\n')}`);
	expect(`phone: ${label} has no text under 12 px (chart labels 11 px)`, r.small.length === 0,
		r.small.join('\n'));
}

// Every .table-wrap wider than its content scrolls inside itself and can
// be reached by keyboard (axe checks the latter too).
async function tableWrapCheck(page, label) {
	const r = await page.evaluate(() => [...document.querySelectorAll('.table-wrap')].map((w) => ({
		over: w.scrollWidth > w.clientWidth + 1,
		ox: getComputedStyle(w).overflowX,
		inView: w.getBoundingClientRect().right <= document.documentElement.clientWidth + 1,
	})));
	const wrong = r.filter((w) => (w.over && !['auto', 'scroll'].includes(w.ox)) || !w.inView);
	expect(`phone: tables on ${label} scroll inside their box`, wrong.length === 0,
		JSON.stringify(wrong));
	return r.filter((w) => w.over).length;
}

async function shot(page, name) {
	fs.mkdirSync(OUT, { recursive: true });
	await withTimeout(page.screenshot({ path: path.join(OUT, name), fullPage: true, timeout: STEP }),
		STEP + 2000, `screenshot ${name}`);
}

// --- the test ----------------------------------------------------------------

async function main(state) {
	if (!fs.existsSync(path.join(SITE, 'index.html'))) throw new Error(`no index.html in ${SITE}`);
	if (!fs.existsSync(EXE)) throw new Error(`${EXE} not found (apt-get install chromium)`);
	state.server = await serve(SITE);
	const origin = `http://127.0.0.1:${state.server.address().port}`;
	state.profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-chromium-'));
	state.context = await chromium.launchPersistentContext(state.profile, {
		executablePath: EXE,
		headless: true,
		timeout: 30000,
		viewport: WIDE,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		serviceWorkers: 'block',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
			'--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic',
			'--disable-dev-shm-usage', '--disable-extensions', '--no-default-browser-check',
			'--font-render-hinting=none'],
	});
	const ctx = state.context;
	ctx.setDefaultTimeout(STEP);
	ctx.setDefaultNavigationTimeout(STEP);
	// nothing leaves this machine: only the test server is reachable
	const offsite = [];
	await ctx.route('**/*', (route) => {
		const u = route.request().url();
		if (u.startsWith(origin + '/') || u.startsWith('data:') || u.startsWith('blob:'))
			return route.continue();
		offsite.push(u);
		return route.abort('blockedbyclient');
	});
	const problems = [];
	const page = ctx.pages()[0] || await ctx.newPage();
	watch(page, origin, problems, state);
	const status = async (url) => {
		const r = await page.goto(url, { waitUntil: 'load' });
		return r ? r.status() : 0;
	};
	const isReport = (u) => /\/units\/[^/]+\/\d{4}\/[^/]+\.html$/.test(new URL(u).pathname);
	const isUnit = (u) => /^\/units\/[^/]+\/$/.test(new URL(u).pathname);
	const pages = {};

	// 0. axe bites: a page with known faults is faulted ----------------------
	try {
		const p = await ctx.newPage();
		await p.setContent('<!DOCTYPE html><html><head><title>t</title></head><body><main>' +
			'<p style="color:#aaa;background:#fff">浅色文字</p><img src="data:image/gif;base64,' +
			'R0lGODlhAQABAAAAACw=" width="9" height="9"><input type="text"></main></body></html>');
		const r = await runAxe(p, 'a faulty page');
		await p.close();
		const ids = r.violations.map((v) => v.id);
		expect(`axe ${r.version} finds the faults of a faulty page`,
			['color-contrast', 'image-alt', 'label', 'html-has-lang'].every((i) => ids.includes(i)),
			ids.join(' '));
	} catch (e) {
		bad('axe self-test', e.message);
	}

	// 1. navigate by clicking -------------------------------------------------
	try {
		expect('index answers 200', await status(origin + '/') === 200);
		pages.index = page.url();
		const unitHrefs = await page.$$eval('main a[href]', (as) => as.map((a) => a.href));
		const unitHref = unitHrefs.find(isUnit);
		if (!expect('index links to a unit page', !!unitHref)) throw new Error('no unit link');
		const link = page.locator(`main a[href="${new URL(unitHref).pathname}"]`).first();
		await link.scrollIntoViewIfNeeded();
		await Promise.all([page.waitForURL(isUnit, { waitUntil: 'load' }), link.click()]);
		pages.unit = page.url();
		expect('clicking a unit link opens the unit page',
			isUnit(page.url()) && (await page.locator('main h1').count()) === 1, page.url());
		expect('the unit page has its chart', await page.locator('main figure.chart-figure svg').count() > 0);
		const rep = page.locator('main table.reports th[scope="row"] a').first();
		await rep.scrollIntoViewIfNeeded();
		await Promise.all([page.waitForURL(isReport, { waitUntil: 'load' }), rep.click()]);
		pages.report = page.url();
		const h1 = (await page.locator('main h1').first().textContent() || '').trim();
		expect('clicking a report link opens the report page',
			isReport(page.url()) && h1.length > 0 && await page.locator('.report-body').count() === 1,
			page.url());
		// in-page link: the findings summary jumps to #findings
		const jump = page.locator('.report-header a[href="#findings"]');
		if (await jump.count()) {
			await jump.click();
			await page.waitForFunction(() => location.hash === '#findings', null, { timeout: STEP });
			const seen = await page.evaluate(() => {
				const b = document.getElementById('findings').getBoundingClientRect();
				return b.top >= -2 && b.top < innerHeight;
			});
			expect('the findings link scrolls to the findings', seen);
		}
		// back to the unit through the breadcrumbs
		const crumb = page.locator('nav.crumbs a').filter({ hasText: /./ }).last();
		if (await crumb.count()) {
			await Promise.all([page.waitForURL((u) => !isReport(u), { waitUntil: 'load' }), crumb.click()]);
			expect('the breadcrumb leads back up', !isReport(page.url()), page.url());
		}
	} catch (e) {
		bad('navigate by clicking', e.message);
	}
	pages.consistency = origin + '/consistency/';
	if (!pages.unit) pages.unit = origin + '/units/' + (fs.readdirSync(path.join(SITE, 'units'))
		.find((d) => fs.statSync(path.join(SITE, 'units', d)).isDirectory()) || '') + '/';
	if (!pages.report) { // navigation failed: any report, for the checks below
		const u = new URL(pages.unit).pathname;
		const dir = path.join(SITE, u);
		const year = fs.existsSync(dir) && fs.readdirSync(dir).find((d) => /^\d{4}$/.test(d));
		const file = year && fs.readdirSync(path.join(dir, year)).find((f) => f.endsWith('.html'));
		pages.report = file ? `${origin}${u}${year}/${encodeURIComponent(file)}` : origin + '/';
	}

	// 2. search ----------------------------------------------------------------
	try {
		await status(origin + '/');
		const box = page.locator('#search-q');
		await box.waitFor({ state: 'visible', timeout: STEP });
		expect('the search box is shown when JavaScript runs', await box.isVisible());
		await box.click();
		await page.keyboard.insertText('网格');
		await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 0,
			null, { timeout: STEP });
		const n = await page.locator('#search-results li').count();
		const st = (await page.locator('#search-status').textContent() || '').trim();
		expect('searching 网格 lists reports', n > 0 && st.length > 0, `${n} results, status "${st}"`);
		const titles = await page.locator('#search-results li a').allTextContents();
		expect('the results are about 网格', titles.every((t) => t.length > 0) &&
			titles.some((t) => t.includes('网格')), titles.join('\n'));
		await page.setViewportSize(PHONE);
		fs.mkdirSync(OUT, { recursive: true });
		await page.locator('#search').screenshot({ path: path.join(OUT, 'index-search-390.png'), timeout: STEP });
		await axeCheck(page, 'index with search results (390 px)');
		await page.setViewportSize(WIDE);
		await axeCheck(page, 'index with search results');
		// a query that matches nothing says so
		await box.fill('不存在的查询词zzz');
		await page.waitForFunction(() => document.querySelectorAll('#search-results li').length === 0
			&& document.getElementById('search-status').textContent.trim() !== '', null, { timeout: STEP });
		ok('a query that matches nothing says so');
		await box.fill('网格');
		await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 0,
			null, { timeout: STEP });
		const first = page.locator('#search-results li a').first();
		await Promise.all([page.waitForURL(isReport, { waitUntil: 'load' }), first.click()]);
		expect('a search result opens its report', isReport(page.url()), page.url());
		// ?q= fills the box
		await status(origin + '/?q=' + encodeURIComponent('网格'));
		await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 0,
			null, { timeout: STEP });
		ok('?q=网格 searches on load');
	} catch (e) {
		bad('search 网格', e.message);
	}

	// 3 + 4 + 5. crawl every internal link; console and axe on every page ---------
	const seen = new Map(); // url without hash -> { status, ids, html, from }
	const want = []; // [from, url with hash]
	const queue = [origin + '/'];
	const queued = new Set(queue);
	let probe404 = origin + PROBE;
	const axeOn = new Set();
	try {
		const started = Date.now();
		while (queue.length) {
			if (Date.now() - started > LIMIT / 2) throw new Error(`crawl took too long (${seen.size} pages)`);
			const url = queue.shift();
			let st = 0;
			let type = '';
			let ids = null;
			let links = [];
			const u = new URL(url);
			const resp = await ctx.request.get(url, { timeout: STEP, maxRedirects: 0 });
			st = resp.status();
			type = resp.headers()['content-type'] || '';
			if (st === 200 && type.startsWith('text/html')) {
				const r = await page.goto(url, { waitUntil: 'load' });
				st = r ? r.status() : 0;
				const info = await page.evaluate(() => {
					const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
					const names = [...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name'));
					const links = [];
					for (const e of document.querySelectorAll('[href], [src]')) {
						for (const attr of ['href', 'src', 'xlink:href']) {
							const v = e.getAttribute(attr);
							if (v === null) continue;
							try { links.push(new URL(v, document.baseURI).href); } catch (x) { links.push('bad:' + v); }
						}
					}
					return { ids: ids.concat(names), links };
				});
				ids = new Set(info.ids);
				links = info.links;
				const p = u.pathname;
				if (!axeOn.has(p)) {
					axeOn.add(p);
					await axeCheck(page, p);
				}
			}
			seen.set(url, { status: st, ids, type });
			for (const l of links) {
				if (l.startsWith('bad:')) {
					bad(`crawl: unparsable link on ${u.pathname}`, l);
					continue;
				}
				const lu = new URL(l);
				if (lu.origin !== origin) continue;
				want.push([url, l]);
				lu.hash = '';
				const key = lu.href;
				if (!queued.has(key)) {
					queued.add(key);
					queue.push(key);
				}
			}
			// after the index, the 404 page (served for a missing address)
			if (probe404) {
				const p = probe404;
				probe404 = null;
				const r = await page.goto(p, { waitUntil: 'load' });
				expect('a missing page answers 404 with the 404 page', r && r.status() === 404 &&
					(await page.locator('main h1').count()) === 1, `${r && r.status()}`);
				await axeCheck(page, '404 page');
				const l404 = await page.$$eval('[href],[src]', (es) => es.map((e) =>
					new URL(e.getAttribute('href') || e.getAttribute('src'), document.baseURI).href));
				const ids404 = new Set(await page.$$eval('[id]', (es) => es.map((e) => e.id)));
				for (const l of l404) {
					const lu = new URL(l);
					if (lu.origin !== origin) continue;
					if (lu.pathname === PROBE) { // the skip link: in the page itself
						expect(`404 page: ${lu.hash} exists`, ids404.has(lu.hash.slice(1)));
						continue;
					}
					want.push([p, l]);
					lu.hash = '';
					if (!queued.has(lu.href)) {
						queued.add(lu.href);
						queue.push(lu.href);
					}
				}
			}
		}
		const broken = [];
		for (const [from, l] of want) {
			const lu = new URL(l);
			const frag = decodeURIComponent(lu.hash.slice(1));
			lu.hash = '';
			const t = seen.get(lu.href);
			const fp = new URL(from).pathname;
			if (!t || t.status !== 200) broken.push(`${fp} -> ${l}: HTTP ${t ? t.status : '?'}`);
			else if (frag && !(t.ids && t.ids.has(frag))) broken.push(`${fp} -> ${l}: no #${frag} there`);
		}
		const uniq = [...new Set(broken)];
		const htmlCount = [...seen.values()].filter((s) => s.ids).length;
		expect(`crawl: ${want.length} links to ${seen.size} addresses (${htmlCount} pages), none broken`,
			uniq.length === 0, uniq.slice(0, 30).join('\n'));
		// every page in the sitemap is reachable by links
		const sm = fs.readFileSync(path.join(SITE, 'sitemap.xml'), 'utf8');
		const locs = [...sm.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) =>
			new URL(new URL(m[1].replace(/&amp;/g, '&'), origin + '/').pathname, origin).href);
		const orphans = locs.filter((l) => !seen.has(l));
		expect(`crawl: every sitemap page (${locs.length}) is linked from the site`,
			locs.length > 0 && orphans.length === 0, orphans.join('\n'));
		const htmlFiles = [];
		(function walk(d, rel) {
			for (const e of fs.readdirSync(d, { withFileTypes: true })) {
				if (e.isDirectory()) walk(path.join(d, e.name), rel + e.name + '/');
				else if (e.name.endsWith('.html') && e.name !== '404.html') htmlFiles.push(rel + e.name);
			}
		})(SITE, '/');
		const unreached = htmlFiles.filter((f) => !seen.has(origin + f) &&
			!seen.has(origin + f.replace(/index\.html$/, '')));
		expect('crawl: every HTML file is reached', unreached.length === 0, unreached.join('\n'));
	} catch (e) {
		bad('crawl', e.message);
	}

	// 5b + 6. the main pages at both widths: axe, phone layout, screenshots -----
	for (const [name, url] of Object.entries(pages)) {
		try {
			await page.setViewportSize(WIDE);
			await status(url);
			await shot(page, `${name}-1280.png`);
			await page.setViewportSize(PHONE);
			await status(url);
			await phoneCheck(page, name);
			await tableWrapCheck(page, name);
			await axeCheck(page, `${name} (390 px)`);
			await shot(page, `${name}-390.png`);
		} catch (e) {
			bad(`layout of ${name}`, e.message);
		}
	}
	// every other page at phone width
	try {
		for (const [url, s] of seen) {
			if (!s.ids || Object.values(pages).includes(url)) continue;
			await status(url);
			await phoneCheck(page, new URL(url).pathname);
		}
	} catch (e) {
		bad('phone layout of every page', e.message);
	}

	// fonts: the Chinese of the title is drawn with a CJK font
	try {
		await page.setViewportSize(WIDE);
		await status(pages.report);
		const cdp = await ctx.newCDPSession(page);
		await cdp.send('DOM.enable');
		await cdp.send('CSS.enable');
		const doc = await cdp.send('DOM.getDocument', { depth: 0 });
		const used = [];
		for (const sel of ['main h1', '.report-body p', '#indicators thead th', '.facts dd']) {
			const q = await cdp.send('DOM.querySelector', { nodeId: doc.root.nodeId, selector: sel });
			if (!q.nodeId) continue;
			const f = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: q.nodeId });
			used.push(`${sel}: ${f.fonts.map((x) => `${x.familyName} (${x.glyphCount})`).join(', ')}`);
			const cjk = f.fonts.filter((x) => /CJK|Han|Hei|Song|Kai|Ming|PingFang|YaHei|WenQuanYi|Noto Sans SC|Noto Serif SC/i.test(x.familyName));
			expect(`fonts: ${sel} is drawn with a Chinese font`, cjk.length > 0,
				`${used[used.length - 1]} (install fonts-noto-cjk)`);
		}
		await cdp.detach();
		if (verbose) console.log('    ' + used.join('\n    '));
	} catch (e) {
		bad('fonts', e.message);
	}

	// print: no navigation, tables not cut off, screenshot of the report
	try {
		await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
		await status(pages.report);
		await page.emulateMedia({ media: 'print' });
		const pr = await page.evaluate(() => {
			const hidden = (s) => [...document.querySelectorAll(s)].every((e) => getComputedStyle(e).display === 'none');
			const wraps = [...document.querySelectorAll('.table-wrap')].map((w) => getComputedStyle(w).overflowX);
			return {
				nav: hidden('.site-header') && hidden('.site-footer') && hidden('.skip-link'),
				clipped: wraps.filter((o) => o !== 'visible').length,
				font: parseFloat(getComputedStyle(document.querySelector('.report-body p') || document.body).fontSize),
			};
		});
		expect('print: header, footer and skip link are hidden', pr.nav);
		expect('print: tables are not clipped by a scroll box', pr.clipped === 0, `${pr.clipped} clipped`);
		expect('print: body text is at least 9 pt', pr.font >= 12, `${pr.font}px`);
		await shot(page, 'report-print.png');
		const pdf = await page.pdf({ format: 'A4', printBackground: true, timeout: STEP });
		fs.writeFileSync(path.join(OUT, 'report.pdf'), pdf);
		expect('print: the report prints to PDF', pdf.length > 1000 && pdf.slice(0, 5).toString() === '%PDF-');
		await page.emulateMedia({ media: 'screen' });
	} catch (e) {
		bad('print', e.message);
	}

	// no JavaScript: the index still lists and links the reports
	try {
		state.quiet = true;
		await page.route('**/assets/search.js', (r) => r.abort('blockedbyclient'));
		await status(origin + '/');
		const rows = await page.locator('main table.reports tbody tr').count();
		const hidden = await page.locator('#search').isHidden();
		expect('without search.js the index lists reports and hides the search box', rows > 0 && hidden,
			`${rows} rows, search hidden ${hidden}`);
		await page.unroute('**/assets/search.js');
	} catch (e) {
		bad('no JavaScript', e.message);
	}
	state.quiet = false;
	const real = problems;
	expect(`console: no error on ${seen.size ? [...seen.values()].filter((s) => s.ids).length : 0} pages`,
		real.length === 0, [...new Set(real)].slice(0, 30).join('\n'));
	expect('no request left 127.0.0.1', offsite.length === 0, [...new Set(offsite)].join('\n'));
}

// The browser processes this run started: their command line names our
// own fresh profile directory.  Ended by id, should closing have failed.
function killOurBrowser(profile) {
	if (!profile) return;
	let pids = [];
	try { pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)); } catch (e) { return; }
	for (const pid of pids) {
		let cmd = '';
		try { cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch (e) { continue; }
		if (!cmd.includes(`--user-data-dir=${profile}`)) continue;
		// playwright starts the browser as the leader of its own process
		// group: the group takes its helpers (zygote, renderers) along
		let pgid = 0;
		try { pgid = Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[2]); } catch (e) { /* */ }
		try { process.kill(pgid === Number(pid) ? -pgid : Number(pid), 'SIGKILL'); } catch (e) { /* gone */ }
	}
}

async function shutdown(state) {
	const steps = [];
	if (state.context) steps.push(withTimeout(state.context.close(), 10000, 'close browser').catch(() => {}));
	if (state.server) {
		state.server.closeAllConnections?.();
		steps.push(new Promise((r) => state.server.close(() => r())));
	}
	await withTimeout(Promise.all(steps), 12000, 'shutdown').catch(() => {});
	killOurBrowser(state.profile);
	if (state.profile) fs.rmSync(state.profile, { recursive: true, force: true });
}

(async () => {
	const state = {};
	const t0 = Date.now();
	const stop = (why) => {
		if (over) return;
		bad('the whole test', why);
		console.log(`browser: ${pass} passed, ${fail} failed`);
		over = true;
		setTimeout(() => { killOurBrowser(state.profile); process.exit(1); }, 6000);
		shutdown(state).finally(() => process.exit(1));
	};
	const watchdog = setTimeout(() => stop(`did not finish in ${LIMIT / 1000} s`), LIMIT);
	process.on('SIGTERM', () => stop('stopped (SIGTERM)'));
	process.on('SIGINT', () => stop('interrupted (SIGINT)'));
	let code = 0;
	try {
		await main(state);
	} catch (e) {
		bad('browser test', e.stack || e.message);
		code = pass === 0 ? 2 : 1;
	} finally {
		await shutdown(state);
		clearTimeout(watchdog);
	}
	if (over) return;
	if (verbose) console.log(`(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
	console.log(`browser: ${pass} passed, ${fail} failed`);
	process.exit(fail ? (code || 1) : 0);
})();
