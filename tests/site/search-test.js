// Smoke test of the theme's search.js against a built search-index.json,
// without a browser: a stub DOM just large enough for the script.
//
//   node tests/site/search-test.js SITE_DIR SEARCH_JS
//
// Checks that the box is revealed, that Chinese queries (also in
// fullwidth digits) and the year filter find the sample reports, and that
// result links are the pages' URLs.  Exits 1 on a failed check.
'use strict';
const fs = require('fs');
const path = require('path');

const [site, script] = process.argv.slice(2);
let failed = 0;
function expect(what, got, want) {
	if (got !== want) {
		console.log(`search-test: ${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
		failed++;
	}
}

function el(id) {
	return {
		id, hidden: true, value: '', children: [], textContent: '', attrs: {}, handlers: {},
		getAttribute(n) { return this.attrs[n]; },
		appendChild(c) { this.children.push(c); },
		removeChild(c) { this.children.splice(this.children.indexOf(c), 1); },
		get firstChild() { return this.children[0]; },
		addEventListener(t, f) { this.handlers[t] = f; },
		querySelector() { return form; },
	};
}
const form = el('form');
const ids = {};
for (const i of ['search', 'search-q', 'search-year', 'search-type', 'search-unit',
	'search-status', 'search-results'])
	ids[i] = el(i);
Object.assign(ids.search.attrs, {
	'data-index': '/search-index.json', 'data-found': 'found {n}',
	'data-shown': 'first {n}', 'data-none': 'none', 'data-loading': 'loading',
	'data-failed': 'failed',
});
global.document = {
	getElementById: (i) => ids[i], querySelector: () => true,
	createElement: (t) => el(t),
};
global.window = { fetch: true, location: { search: '' } };
const data = JSON.parse(fs.readFileSync(path.join(site, 'search-index.json'), 'utf8'));
global.fetch = () => Promise.resolve({ ok: true, json: () => Promise.resolve(data) });
// eslint-disable-next-line no-eval
eval(fs.readFileSync(script, 'utf8'));

function search(q, year) {
	ids['search-q'].value = q;
	ids['search-year'].value = year || '';
	ids['search-q'].handlers.input();
	return ids['search-results'].children.map((li) => li.children[0].href);
}

setTimeout(() => {
	const st = ids['search-status'];
	expect('box revealed', ids.search.hidden, false);
	expect('years offered', ids['search-year'].children.length, 4);
	let r = search('官渡');
	expect('官渡', st.textContent, 'found 2');
	r = search('存在的问题');
	expect('a heading', r.length, 4);
	r = search('', '2017');
	expect('year filter', r.join(' '), '/units/km-guandu-grid/2017/overall.html ' +
		'/units/km-guandu-grid/2017/project-zhihui-guandu.html');
	r = search('官渡 ２０１７');
	expect('two terms, fullwidth digits', r.length, 2);
	r = search('没有这样的报告');
	expect('no match', st.textContent, 'none');
	// every result links to a page that exists
	r = search('报告');
	for (const href of r)
		if (!fs.existsSync(path.join(site, href)))
			expect('page exists', href, 'an existing page');
	console.log(`search-test: ${failed ? 'FAILED' : 'ok'}`);
	process.exit(failed ? 1 : 0);
}, 50);
