/*
 * tally search: client-side search over search-index.json, for Chinese
 * queries too (plain substring matching: no word segmentation needed).
 * The index page works without this script (browse by year, type and
 * unit); the script only reveals the search box and fills its filters.
 * Results are built with DOM methods and textContent: no HTML from the
 * index is ever parsed.  Messages come from data- attributes that the
 * page took from the theme's i18n file.
 */
(function () {
	'use strict';
	var sec = document.getElementById('search');
	if (!sec || !window.fetch || !document.querySelector) return;
	var q = document.getElementById('search-q');
	var fy = document.getElementById('search-year');
	var ft = document.getElementById('search-type');
	var fu = document.getElementById('search-unit');
	var status = document.getElementById('search-status');
	var list = document.getElementById('search-results');
	var form = sec.querySelector('form');
	var url = sec.getAttribute('data-index');
	var base = url.replace(/search-index\.json$/, '');
	var MAX = 50;
	var docs = null, units = [], types = [];

	function norm(s) {
		s = String(s || '');
		if (s.normalize) s = s.normalize('NFKC');
		return s.toLowerCase();
	}
	function msg(name, n) {
		return (sec.getAttribute('data-' + name) || '').replace('{n}', String(n));
	}
	function option(sel, value, text) {
		var o = document.createElement('option');
		o.value = value;
		o.textContent = text;
		sel.appendChild(o);
	}

	function run() {
		if (!docs) return;
		var terms = norm(q.value).split(/\s+/).filter(Boolean);
		var y = fy.value, t = ft.value, u = fu.value;
		while (list.firstChild) list.removeChild(list.firstChild);
		if (!terms.length && !y && !t && !u) {
			status.textContent = '';
			return;
		}
		var found = 0;
		for (var i = 0; i < docs.length; i++) {
			var d = docs[i];
			if (y && String(d.year) !== y) continue;
			if (t && String(d.type) !== t) continue;
			if (u && String(d.unit) !== u) continue;
			var ok = true;
			for (var k = 0; k < terms.length && ok; k++)
				ok = d.hay.indexOf(terms[k]) >= 0;
			if (!ok) continue;
			found++;
			if (found > MAX) continue;
			var li = document.createElement('li');
			var a = document.createElement('a');
			a.href = base + d.path;
			a.textContent = d.title;
			var meta = document.createElement('span');
			meta.className = 'meta';
			meta.textContent = [d.unitName, d.year, d.typeName].filter(Boolean).join(' · ');
			li.appendChild(a);
			li.appendChild(meta);
			list.appendChild(li);
		}
		status.textContent = found ? msg('found', found) +
		    (found > MAX ? ' · ' + msg('shown', MAX) : '') : msg('none', 0);
	}

	/* docs: [title, unit, type, year, file, headings]; a heading is a
	 * number into data.headings (or, rarely, its text) */
	function load(data) {
		units = data.units || [];
		types = data.types || [];
		var heads = data.headings || [];
		var years = {};
		docs = (data.docs || []).map(function (e) {
			var un = units[e[1]] || ['', '', ''];
			var tn = e[2] === null ? '' : types[e[2]] || '';
			var hs = (e[5] || []).map(function (h) {
				return typeof h === 'number' ? heads[h] || '' : h;
			});
			years[e[3]] = true;
			return {
				title: e[0], unit: e[1], type: e[2] === null ? '' : e[2],
				year: e[3], path: un[2] + e[3] + '/' + e[4] + '.html',
				unitName: un[0], typeName: tn,
				hay: norm([e[0], un[0], un[1], tn, e[3]].concat(hs).join(' '))
			};
		});
		Object.keys(years).sort().reverse().forEach(function (y) { option(fy, y, y); });
		types.forEach(function (n, i) { option(ft, String(i), n); });
		units.forEach(function (un, i) { option(fu, String(i), un[0]); });
		var params = new URLSearchParams(window.location.search);
		if (params.get('q')) q.value = params.get('q');
		run();
	}

	sec.hidden = false;
	status.textContent = msg('loading', 0);
	form.addEventListener('submit', function (ev) { ev.preventDefault(); run(); });
	q.addEventListener('input', run);
	fy.addEventListener('change', run);
	ft.addEventListener('change', run);
	fu.addEventListener('change', run);
	fetch(url).then(function (r) {
		if (!r.ok) throw new Error(r.status);
		return r.json();
	}).then(load, function () {
		status.textContent = msg('failed', 0);
	});
})();
