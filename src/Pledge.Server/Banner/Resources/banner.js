// Pledge cookie banner: generated from the policy's cookie list; no dependencies.
// Scripts marked type="text/plain" data-category="KEY" run only once KEY is accepted.
(function () {
"use strict";
var C = /*CONFIG*/{}, d = document, w = window;
var lang = (d.documentElement.lang || "").slice(0, 2).toLowerCase();
if (!C.t[lang]) lang = C.d;
var T = C.t[lang];
var gpc = navigator.globalPrivacyControl === true;
var box = null;
function cat(k) { for (var i = 0; i < C.cats.length; i++) if (C.cats[i].k === k) return C.cats[i]; return null; }
// The stored choice: TERMS.ID.EXPIRES.cat~cat; null when absent, lapsed or given to other terms.
function read() {
var m = d.cookie.match(new RegExp("(?:^|; )" + C.n + "=([^;]*)"));
if (!m) return null;
var p = decodeURIComponent(m[1]).split(".");
if (p.length !== 4 || p[0] !== C.h || +p[2] * 1000 <= Date.now()) return null;
return { id: p[1], on: p[3] ? p[3].split("~") : [] };
}
function rid() {
var a = new Uint8Array(16), s = "";
crypto.getRandomValues(a);
for (var i = 0; i < 16; i++) s += (a[i] + 256).toString(16).slice(1);
return s;
}
function allowed(k, on) { var c = cat(k); return !!c && on.indexOf(k) >= 0 && !(gpc && c.g); }
function activate(on) {
var list = d.querySelectorAll('script[type="text/plain"][data-category]');
for (var i = 0; i < list.length; i++) {
var s = list[i];
if (on.indexOf(s.getAttribute("data-category")) < 0) continue;
var n = d.createElement("script");
for (var j = 0; j < s.attributes.length; j++) {
var a = s.attributes[j];
if (a.name !== "type" && a.name !== "data-category") n.setAttribute(a.name, a.value);
}
n.text = s.text;
s.parentNode.replaceChild(n, s);
}
}
// Expires every cookie of the category on this host and its parent domains.
function clear(c) {
var names = d.cookie ? d.cookie.split("; ").map(function (x) { return x.split("=")[0]; }) : [];
c.c.forEach(function (p) {
var re = new RegExp("^" + p.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*") + "$");
names.forEach(function (nm) {
if (!re.test(nm)) return;
var e = nm + "=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/", h = location.hostname.split(".");
d.cookie = e;
for (var i = 0; i < h.length - 1; i++) d.cookie = e + "; domain=." + h.slice(i).join(".");
});
});
}
function save(on) {
var old = read(), id = old ? old.id : rid(), ch = {};
on = on.filter(function (k) { return allowed(k, on); });
d.cookie = C.n + "=" + [C.h, id, Math.floor(Date.now() / 1000) + C.age, on.join("~")].join(".") + "; max-age=" + C.age
+ "; path=/; SameSite=Lax" + (location.protocol === "https:" ? "; Secure" : "");
C.cats.forEach(function (c) { ch[c.k] = on.indexOf(c.k) >= 0; if (!ch[c.k]) clear(c); });
activate(on);
hide();
w.fetch(C.api, { method: "POST", credentials: "same-origin", keepalive: true, headers: { "Content-Type": "application/json" },
body: JSON.stringify({ id: id, terms: C.h, choices: ch, gpc: gpc, key: rid() }) })
.then(function (r) { w.pledgeConsent.recorded = r.ok; }, function () { w.pledgeConsent.recorded = false; });
w.dispatchEvent(new CustomEvent("pledge:consent", { detail: ch }));
}
function el(tag, cls, text) { var e = d.createElement(tag); if (cls) e.className = cls; if (text) e.textContent = text; return e; }
function button(text, act, on) { var b = el("button", "pledge-b", text); b.type = "button"; b.setAttribute("data-pledge", act); b.onclick = on; return b; }
function hide() { if (box) { box.remove(); box = null; } }
function show() {
hide();
var s = read(), on = s ? s.on : [];
box = el("div", "pledge-banner");
box.setAttribute("role", "dialog");
box.setAttribute("aria-labelledby", "pledge-title");
var h = el("h2", "pledge-h", T.title); h.id = "pledge-title";
var p = el("p", "", T.text + " "), a = el("a", "", T.notice); a.href = C.notice; p.appendChild(a);
var f = el("fieldset", "pledge-f"), boxes = [];
C.cats.forEach(function (c) {
var l = el("label", "pledge-c"), i = el("input"), t = c.t[lang] || c.t[C.d];
i.type = "checkbox"; i.name = c.k; i.checked = on.indexOf(c.k) >= 0;
if (gpc && c.g) { i.checked = false; i.disabled = true; }
l.appendChild(i);
l.appendChild(el("strong", "", t[0]));
l.appendChild(el("span", "", " " + t[1] + (gpc && c.g ? " " + T.gpc : "")));
f.appendChild(l);
boxes.push(i);
});
var r = el("div", "pledge-r");
r.appendChild(button(T.reject, "reject", function () { save([]); }));
r.appendChild(button(T.accept, "accept", function () { save(C.cats.map(function (c) { return c.k; })); }));
r.appendChild(button(T.save, "save", function () { save(boxes.filter(function (i) { return i.checked; }).map(function (i) { return i.name; })); }));
box.appendChild(h); box.appendChild(p); box.appendChild(f); box.appendChild(r);
d.body.appendChild(box);
}
function start() {
var s = read();
if (s) activate(s.on.filter(function (k) { return allowed(k, s.on); })); else show();
d.addEventListener("click", function (e) { if (e.target.closest && e.target.closest("[data-pledge-open]")) { e.preventDefault(); show(); } });
}
w.pledgeConsent = { open: show, read: read, recorded: null };
if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", start); else start();
})();
