//===--- HtmlAssets.cpp - The HTML report's text, style and script --------===//

#include "HtmlAssets.h"

namespace weakify {

std::string escapeHtml(llvm::StringRef Text) {
  std::string Out;
  Out.reserve(Text.size());
  for (char C : Text) {
    switch (C) {
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '&':
      Out += "&amp;";
      break;
    case '"':
      Out += "&quot;";
      break;
    case '\'':
      Out += "&#39;";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

llvm::StringRef htmlStyle() {
  return R"css(
:root{--bg:#f5f6f8;--card:#fff;--line:#dfe3e8;--text:#1f2328;--muted:#5b6570;
--accent:#0969da;--mono:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);
font:14px/1.45 system-ui,-apple-system,"Segoe UI","DejaVu Sans",sans-serif}
code,pre{font-family:var(--mono);font-size:12.5px}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
.top{background:#1d2330;color:#e8ecf2;padding:16px 24px 14px}
.top h1{margin:0 0 10px;font-size:20px;font-weight:600;letter-spacing:.2px}
.top h1 span{color:#8ea2c0;font-weight:400}
.tiles{display:flex;flex-wrap:wrap;gap:10px;margin:0;padding:0;list-style:none}
.tiles li{background:#283040;border-radius:8px;padding:6px 14px;min-width:110px}
.tiles b{display:block;font-size:20px;color:#fff}
.tiles span{font-size:12px;color:#aab6c8}
.tiles .bad b{color:#ff8a80}.tiles .good b{color:#7ee2a8}
.root{margin:10px 0 0;font-size:12px;color:#aab6c8}
.root code{color:#dfe6f0}
.layout{display:grid;grid-template-columns:250px minmax(0,1fr);gap:20px;
padding:18px 24px;align-items:start}
.side{position:sticky;top:12px;max-height:calc(100vh - 24px);overflow:auto;
background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px}
.side h2{font-size:11px;text-transform:uppercase;letter-spacing:.8px;
color:var(--muted);margin:14px 0 6px}
.side ul{list-style:none;margin:0;padding:0}
.side li{margin:2px 0}
.side label{display:flex;align-items:center;gap:6px;cursor:pointer}
#q{width:100%;padding:7px 9px;border:1px solid #c8ced6;border-radius:7px;font:inherit}
#q:focus{outline:2px solid #9cc3f5;border-color:var(--accent)}
.groupby{margin-top:8px;font-size:13px;color:var(--muted);display:flex;gap:10px}
.groupby label{display:inline-flex}
.count{margin-left:auto;background:#eef1f4;color:var(--muted);border-radius:10px;
padding:0 7px;font-size:12px;font-variant-numeric:tabular-nums}
.files button{all:unset;cursor:pointer;display:flex;gap:6px;width:100%;
font-family:var(--mono);font-size:12px;overflow-wrap:anywhere}
.files button:hover{color:var(--accent)}
.small{font-size:12px;color:var(--muted)}
.side .links button{font:inherit;font-size:12px;border:1px solid var(--line);
background:#f6f8fa;border-radius:6px;padding:1px 8px;cursor:pointer}
.legend li{display:flex;align-items:center;gap:8px;font-size:13px}
.sw{width:22px;height:14px;border-radius:4px;border:1.5px solid}
.sw.owner{background:#dbe7fb;border-color:#3461b0}
.sw.holder{background:#fdf0cc;border-color:#a8741a}
.sw.kept-alive{background:#fbe0e0;border-color:#b93a3a}
.sw.weaken{border:0;border-top:2.5px dashed #d62728;border-radius:0;height:0}
.chk{--k:#57606a;display:inline-block;border-radius:5px;padding:0 7px;font-size:12px;
font-weight:600;color:var(--k);background:color-mix(in srgb,var(--k) 12%,#fff);
border:1px solid color-mix(in srgb,var(--k) 35%,#fff);white-space:nowrap}
.kdot{--k:#57606a;width:9px;height:9px;border-radius:50%;background:var(--k);flex:none}
main{min-width:0}
#status{margin:0 0 10px;color:var(--muted)}
.notice{background:#fff8e1;border:1px solid #f0d58a;border-radius:8px;padding:8px 12px;
margin:0 0 12px}
.group>h2{font-size:16px;margin:18px 0 8px;display:flex;align-items:center;gap:8px}
.group>h2 .count,.group>h3 .count{margin-left:0}
.group.sub>h3{font-size:13px;font-weight:600;margin:12px 0 6px;color:var(--muted);
display:flex;align-items:center;gap:8px;font-family:var(--mono)}
.finding{background:var(--card);border:1px solid var(--line);border-radius:10px;
padding:12px 14px;margin:0 0 12px;box-shadow:0 1px 2px rgba(30,40,60,.05)}
/* Cards off screen are not laid out: hundreds of findings stay fast. */
.finding{content-visibility:auto;contain-intrinsic-size:auto 420px}
.finding:target{outline:2px solid var(--accent)}
.fh{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin-bottom:6px}
.loc{font-family:var(--mono);font-size:12.5px;color:var(--muted)}
.badge{font-size:11.5px;border-radius:10px;padding:1px 8px;font-weight:600;white-space:nowrap}
.badge.fix{background:#dafbe1;color:#116329}
.badge.nofix{background:#eef1f4;color:var(--muted);font-weight:500}
.badge.error{background:#ffebe9;color:#a40e26}
.badge.confirmed{background:#cf222e;color:#fff}
.badge.not-seen{background:#eef1f4;color:var(--muted)}
.badge.run-time-only{background:#bc4c00;color:#fff}
.msg{margin:0 0 6px;font-size:14.5px}
.decl{margin:0 0 8px;font-size:12.5px;color:var(--muted)}
.audit{margin:0 0 8px;font-size:13px;padding:4px 10px;border-radius:6px;background:#fff1f0}
.audit.not-seen{background:#f3f4f6}
.fb{display:grid;grid-template-columns:minmax(0,1fr);gap:14px}
.fb.pic{grid-template-columns:minmax(0,1fr) minmax(0,40%)}
pre.src{margin:0;background:#f8f9fb;border:1px solid #e6e9ee;border-radius:7px;
padding:6px 0;overflow-x:auto;tab-size:4}
pre.src .ln{display:block;padding:0 10px 0 0;white-space:pre}
pre.src .n{display:inline-block;width:4.2em;padding-right:1em;text-align:right;
color:#9aa3ad;user-select:none}
pre.src .here{background:#fff3bf}
pre.src .here .n{color:#7a5b00;font-weight:600}
.hit{background:#ffd866;border-radius:2px;box-shadow:0 0 0 1px #e0a800}
.nosrc{color:var(--muted);font-style:italic;margin:0}
.notes{list-style:none;margin:10px 0 0;padding:0}
.notes li{margin:3px 0;font-size:13px}
.notes summary{cursor:pointer}
.notes summary::marker{color:#9aa3ad}
.notes pre.src{margin:4px 0 6px 16px}
details.fix{margin-top:10px;border:1px solid #c6e9cf;border-radius:7px;background:#f4fcf6}
details.fix>summary{cursor:pointer;padding:4px 10px;font-size:13px;font-weight:600;color:#116329}
.edit{padding:2px 10px 8px}
.edit .where{font-family:var(--mono);font-size:12px;color:var(--muted)}
pre.diff{margin:2px 0 0;background:#fff;border:1px solid #e6e9ee;border-radius:6px;
padding:4px 0;overflow-x:auto}
pre.diff span{display:block;padding:0 10px;white-space:pre}
pre.diff .del{background:#ffebe9;color:#82071e}
pre.diff .add{background:#dafbe1;color:#044f1e}
pre.diff .del mark{background:#ffb3b0;color:inherit;border-radius:2px}
pre.diff .add mark{background:#9be9a8;color:inherit;border-radius:2px}
.msg code,.notes code{background:#eef1f4;border-radius:4px;padding:0 4px;font-size:12.5px}
figure.picture{margin:0;background:#fbfcfd;border:1px solid #e6e9ee;border-radius:8px;
padding:10px 8px 6px;display:flex;flex-direction:column;align-items:center;
align-self:start}
figure.picture svg{max-width:100%;height:auto}
figure.picture figcaption{font-size:11.5px;color:var(--muted);margin-top:4px}
.edgelist{margin:0;padding-left:18px;font-size:13px}
.edgelist .weaken,figcaption .weak{color:#d62728}
table.failures{border-collapse:collapse;width:100%;background:var(--card);
border:1px solid var(--line);border-radius:8px}
table.failures td,table.failures th{border-top:1px solid var(--line);padding:6px 10px;
text-align:left;vertical-align:top}
table.failures pre{margin:0;white-space:pre-wrap}
section.extra>h2{font-size:16px;margin:26px 0 6px}
.empty{background:var(--card);border:1px solid var(--line);border-radius:10px;
padding:24px;text-align:center;color:var(--muted)}
footer{padding:6px 24px 24px;color:var(--muted);font-size:12px}
@media (max-width:900px){.layout{grid-template-columns:1fr}.side{position:static;
max-height:none}.fb.pic{grid-template-columns:1fr}}
)css";
}

llvm::StringRef htmlScript() {
  return R"js(
'use strict';
(() => {
  const $$ = (selector, root = document) =>
    Array.from(root.querySelectorAll(selector));
  const search = document.getElementById('q');
  const list = document.getElementById('findings');
  const status = document.getElementById('status');
  const noMatch = document.getElementById('nomatch');
  const checkBoxes = $$('input.check-filter');
  const cards = $$('article.finding');
  // The findings in the report's order (file, then position), for regrouping.
  const listed = $$('article.finding', list);
  const haystack = new Map(cards.map(c => [c, c.textContent.toLowerCase()]));

  const matches = (card, terms, checks) => {
    const text = haystack.get(card);
    return checks.has(card.dataset.check) && terms.every(t => text.includes(t));
  };

  const countVisible = root =>
    $$('article.finding', root).filter(c => !c.hidden).length;

  function apply() {
    const terms = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const checks = new Set(checkBoxes.filter(b => b.checked).map(b => b.value));
    for (const card of cards)
      card.hidden = !matches(card, terms, checks);
    for (const group of $$('.group, section.extra.results')) {
      const shown = countVisible(group);
      group.hidden = shown === 0;
      const count = group.querySelector(':scope > h2 .count, :scope > h3 .count');
      if (count)
        count.textContent = shown;
    }
    const shown = countVisible(list);
    if (status && listed.length)
      status.textContent = shown === listed.length
          ? `Showing all ${listed.length} findings`
          : `Showing ${shown} of ${listed.length} findings`;
    if (noMatch)
      noMatch.hidden = shown > 0 || listed.length === 0;
  }

  function heading(level, key, by, cards) {
    const h = document.createElement(level);
    if (by === 'check') {
      h.appendChild(cards[0].querySelector('.chk').cloneNode(true));
    } else {
      const name = document.createElement('span');
      name.textContent = key;
      h.appendChild(name);
    }
    const count = document.createElement('span');
    count.className = 'count';
    count.textContent = cards.length;
    h.appendChild(count);
    return h;
  }

  function section(className, level, key, by, cards) {
    const s = document.createElement('section');
    s.className = className;
    s.dataset.key = key;
    s.appendChild(heading(level, key, by, cards));
    return s;
  }

  const groupBy = (items, by) => {
    const groups = new Map();
    for (const item of items) {
      const key = item.dataset[by];
      if (!groups.has(key))
        groups.set(key, []);
      groups.get(key).push(item);
    }
    return [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  };

  // Check, then file; or file, then check.
  function regroup(first) {
    const second = first === 'check' ? 'file' : 'check';
    const page = document.createDocumentFragment();
    for (const [key, items] of groupBy(listed, first)) {
      const outer = section('group', 'h2', key, first, items);
      for (const [subKey, subItems] of groupBy(items, second)) {
        const inner = section('group sub', 'h3', subKey, second, subItems);
        inner.append(...subItems);
        outer.appendChild(inner);
      }
      page.appendChild(outer);
    }
    list.replaceChildren(page);
    apply();
  }

  search.addEventListener('input', apply);
  for (const box of checkBoxes)
    box.addEventListener('change', apply);
  const setAll = on => () => {
    for (const box of checkBoxes)
      box.checked = on;
    apply();
  };
  document.getElementById('all').addEventListener('click', setAll(true));
  document.getElementById('none').addEventListener('click', setAll(false));
  for (const radio of $$('input[name=groupby]'))
    radio.addEventListener('change', () => regroup(radio.value));
  for (const file of $$('.files button'))
    file.addEventListener('click', () => {
      search.value = file.dataset.file;
      apply();
      search.focus();
    });
  document.addEventListener('keydown', e => {
    if (e.key === '/' && document.activeElement !== search) {
      e.preventDefault();
      search.focus();
    } else if (e.key === 'Escape' && document.activeElement === search) {
      search.value = '';
      apply();
    }
  });
  apply();
})();
)js";
}

} // namespace weakify
