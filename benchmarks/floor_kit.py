"""The floor of the kit benchmark: the same pages, written with no SDK, from data in memory.

    python benchmarks/floor_kit.py DATA.pickle OUT

``DATA.pickle`` is written (untimed) by ``bench_process.py`` from the resolved franchise:
every text already in each locale's own language, every number, fee and date already
formatted, each service's JSON-LD and the search index already built as plain dicts. This
script does what any static-site generator must do with that — nothing the SDK is needed
for: render the same pages (home, charter index with the embedded search index, a page per
service with its JSON-LD, centres, principles, five handbooks on screen and for print with
the curriculum's Markdown rendered, signage, the capacity plan with its charts drawn), in
every locale, with Jinja2 and markdown-it
(the kit's own libraries); copy the assets and fonts; write ``catalogue.json``; hash every
file for ``manifest.json``; write it all to disk. It imports neither asan_core nor
pydantic, Babel, PyYAML or pluggy.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
import sys
from pathlib import Path
from typing import Any

from jinja2 import DictLoader, Environment
from markdown_it import MarkdownIt

BASE = """<!DOCTYPE html>
<html lang="{{ lang }}" dir="{{ dir }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{% endblock %} — {{ brand }}</title>
<link rel="stylesheet" href="{{ root }}assets/kit.css"><link rel="stylesheet" href="{{ root }}assets/fonts.css">
{% block head %}{% endblock %}</head>
<body><a class="skip" href="#main">{{ t["Skip to the content"] }}</a>
<header class="site"><p class="brand"><a href="{{ home }}index.html">{{ brand }}</a>
<span class="country">{{ country }}</span></p><nav aria-label="{{ t['Main menu'] }}"><ul>
{% for href, label in nav %}<li><a href="{{ home }}{{ href }}">{{ label }}</a></li>{% endfor %}
</ul></nav><nav class="languages"><ul>{% for code, name in locales %}
<li><a href="{{ root }}{{ code }}/{{ page }}">{{ name }}</a></li>{% endfor %}</ul></nav></header>
<main id="main">{% block main %}{% endblock %}</main>
<footer class="site"><p>{{ t["footer"] }}</p></footer></body></html>
"""

TEMPLATES = {
    "base.html": BASE,
    "index.html": """{% extends "base.html" %}{% block title %}{{ t["Home"] }}{% endblock %}
{% block main %}<h1>{{ brand }}</h1><p class="lead">{{ t["lead"] }}</p>
<ul>{% for h in holidays %}<li><time datetime="{{ h.iso }}">{{ h.date }}</time> ({{ h.weekday }}) — {{ h.name }}</li>{% endfor %}</ul>
<p>{{ partnership }}</p>{% endblock %}""",
    "charter.html": """{% extends "base.html" %}{% block title %}{{ t["Citizen charter"] }}{% endblock %}
{% block main %}<h1>{{ t["Citizen charter"] }}</h1><input id="search" type="search">
{% for agency in agencies %}<h2>{{ agency.name }}</h2><table>
{% for s in agency.services %}<tr data-service="{{ s.id }}"><td><a href="{{ s.id }}.html">{{ s.title }}</a></td><td>{{ s.fee }}</td><td>{{ s.days }}</td></tr>{% endfor %}
</table>{% endfor %}<script type="application/json" id="search-index">{{ search_index }}</script>
<script src="{{ root }}assets/search.js"></script>{% endblock %}""",
    "card.html": """{% macro card(s, level) %}<section class="card"><h{{ level }}>{{ s.title }}</h{{ level }}>
<p>{{ s.description }}</p><dl><dt>{{ t["Agency"] }}</dt><dd>{{ s.agency }}</dd>
<dt>{{ t["Documents to bring"] }}</dt><dd><ul>{% for e in s.evidence %}<li>{{ e }}</li>{% endfor %}</ul></dd>
<dt>{{ t["Fee"] }}</dt><dd>{{ s.fee }}</dd><dt>{{ t["Processing time"] }}</dt><dd>{{ s.days }}</dd>
<dt>{{ t["You receive"] }}</dt><dd>{{ s.outputs }}</dd><dt>{{ t["Legal basis"] }}</dt><dd>{{ s.legal }}</dd>
<dt>{{ t["How to apply"] }}</dt><dd>{{ s.channels }}</dd></dl></section>{% endmacro %}""",
    "service.html": """{% extends "base.html" %}{% from "card.html" import card with context %}
{% block title %}{{ s.title }}{% endblock %}
{% block head %}<script type="application/ld+json">{{ s.jsonld }}</script>{% endblock %}
{% block main %}{{ card(s, 1) }}<p>{{ s.centres }}</p>{% endblock %}""",
    "centres.html": """{% extends "base.html" %}{% block title %}{{ t["Centres"] }}{% endblock %}
{% block main %}<h1>{{ t["Centres"] }}</h1>{% for c in centres %}<section><h2>{{ c.name }}</h2>
<dl><dt>{{ t["City"] }}</dt><dd>{{ c.city }}</dd><dt>{{ t["Opening hours"] }}</dt><dd>{{ c.hours }}</dd>
<dt>{{ t["Features"] }}</dt><dd>{{ c.features }}</dd></dl></section>{% endfor %}
<table>{% for a in areas %}<tr><td>{{ a.area }}</td><td>{{ a.by }}</td></tr>{% endfor %}</table>{% endblock %}""",
    "principles.html": """{% extends "base.html" %}{% block title %}{{ t["Principles"] }}{% endblock %}
{% block main %}<h1>{{ t["Principles"] }}</h1>{% for p in principles %}<h2>{{ p.name }}</h2>
<p>{{ p.definition }}</p>{% endfor %}{% endblock %}""",
    "handbooks.html": """{% extends "base.html" %}{% block title %}{{ t["Training handbooks"] }}{% endblock %}
{% block main %}<h1>{{ t["Training handbooks"] }}</h1><ul>{% for r in roles %}
<li><a href="{{ r.id }}.html">{{ r.name }}</a> (<a href="{{ r.id }}-print.html">{{ t["print"] }}</a>)</li>{% endfor %}</ul>{% endblock %}""",
    "handbook.html": """{% extends "base.html" %}{% from "card.html" import card with context %}
{% block title %}{{ role.name }}{% endblock %}{% block main %}<h1>{{ role.name }}</h1>
<ol>{% for m in modules %}<li><a href="#module-{{ m.id }}">{{ m.title }}</a></li>{% endfor %}</ol>
{% for m in modules %}<section id="module-{{ m.id }}"><h2>{{ m.title }}</h2>
<ul>{% for o in m.objectives %}<li>{{ o }}</li>{% endfor %}</ul>
<div class="content">{{ m.content|markdown }}</div>
{% for e in m.exercises %}<h4>{{ e.title }}</h4><div>{{ e.instructions|markdown }}</div>{% endfor %}
<ol>{% for q in m.assessment %}<li><p>{{ q.question }}</p>{% if role.trainer %}<p>{{ q.answer }}</p>{% endif %}</li>{% endfor %}</ol>
</section>{% endfor %}{% if role.cards %}{% for s in services %}{{ card(s, 3) }}{% endfor %}{% endif %}{% endblock %}""",
    "signage.html": """{% extends "base.html" %}{% block title %}{{ t["Signage"] }}{% endblock %}
{% block main %}<h1>{{ t["Signage"] }}</h1><ul>{% for a in desks %}<li><a href="desk-{{ a.id }}.html">{{ a.name }}</a></li>{% endfor %}</ul>{% endblock %}""",
    "poster.html": """{% extends "base.html" %}{% block title %}{{ t["Principles poster"] }}{% endblock %}
{% block main %}<h1>{{ brand }}</h1><ol>{% for p in principles %}<li><strong>{{ p.name }}</strong> — {{ p.definition }}</li>{% endfor %}</ol>{% endblock %}""",
    "desk.html": """{% extends "base.html" %}{% block title %}{{ a.name }}{% endblock %}
{% block main %}<h1>{{ a.name }}</h1><ul>{% for s in a.services %}<li>{{ s }}</li>{% endfor %}</ul><p>{{ brand }}</p>{% endblock %}""",
    "plans.html": """{% extends "base.html" %}{% block title %}{{ t["Capacity plan"] }}{% endblock %}
{% block head %}<link rel="stylesheet" href="{{ root }}assets/plan.css">{% endblock %}
{% block main %}<h1>{{ t["Capacity plan"] }}</h1><table>{% for c in plans %}
<tr><th><a href="{{ c.id }}.html">{{ c.name }}</a></th>{% for label, value in c.figures %}<td>{{ value }}</td>{% endfor %}</tr>
{% endfor %}</table>{% endblock %}""",
    "plan.html": """{% extends "base.html" %}{% block title %}{{ t["Capacity plan"] }}: {{ c.name }}{% endblock %}
{% block head %}<link rel="stylesheet" href="{{ root }}assets/plan.css">{% endblock %}
{% block main %}<h1>{{ c.name }}</h1><dl>{% for label, value in c.figures %}<dt>{{ label }}</dt><dd>{{ value }}</dd>{% endfor %}</dl>
<h2>{{ t["Hour by hour"] }}</h2>{% for svg in c.charts[:2] %}<figure>{{ svg }}</figure>{% endfor %}
<table>{% for row in c.hours %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>{% endfor %}</table>
<h2>{{ t["Waiting time"] }}</h2><figure>{{ c.charts[2] }}</figure>
<table>{% for row in c.waits %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>{% endfor %}</table>
<h2>{{ t["By agency"] }}</h2>
<table>{% for row in c.groups %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>{% endfor %}</table>{% endblock %}""",
}


def build(data: dict[str, Any], out: Path) -> int:
    """Render and write every file; the number of files."""
    md = MarkdownIt("commonmark", {"html": False})
    cache: dict[str, str] = {}

    def markdown(text: str) -> str:
        if text not in cache:
            cache[text] = md.render(text)
        return cache[text]

    from markupsafe import Markup

    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    env.filters["markdown"] = lambda text: Markup(markdown(text))
    files: dict[str, str] = {}

    def write(relative: str, content: str | bytes) -> None:
        raw = content.encode("utf-8") if isinstance(content, str) else content
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
        files[relative] = hashlib.sha256(raw).hexdigest()

    def page(code: str, common: dict[str, Any], path: str, template: str, **values: Any) -> None:
        root = "../" * (path.count("/") + 1)
        html = env.get_template(template).render(
            **common, page=path, root=root, home=f"{root}{code}/", **values
        )
        write(f"{code}/{path}", html)

    for code, loc in data["locales"].items():
        common = {**loc["common"], "locales": data["chooser"]}
        page(code, common, "index.html", "index.html")
        page(code, common, "charter/index.html", "charter.html")
        for service in loc["services"]:
            page(code, common, f"charter/{service['id']}.html", "service.html", s=service)
        page(code, common, "centres.html", "centres.html")
        page(code, common, "principles.html", "principles.html")
        page(code, common, "handbooks/index.html", "handbooks.html")
        for role in loc["roles"]:
            modules = [loc["modules"][m] for m in role["modules"]]
            for suffix in ("", "-print"):
                page(
                    code,
                    common,
                    f"handbooks/{role['id']}{suffix}.html",
                    "handbook.html",
                    role=role,
                    modules=modules,
                )
        page(code, common, "signage/index.html", "signage.html")
        page(code, common, "signage/principles-poster.html", "poster.html")
        for desk in loc["common"]["desks"]:
            page(code, common, f"signage/desk-{desk['id']}.html", "desk.html", a=desk)
        if loc["plans"]:
            page(code, common, "plan/index.html", "plans.html", plans=loc["plans"])
            for centre in loc["plans"]:
                page(code, common, f"plan/{centre['id']}.html", "plan.html", c=centre)
    write("index.html", data["root_page"])
    for name, source in data["assets"].items():
        write(f"assets/{name}", Path(source).read_bytes())
    write("catalogue.json", json.dumps(data["catalogue"], ensure_ascii=False, indent=2))
    manifest = {"files": dict(sorted(files.items()))}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return len(files) + 1


def main() -> None:
    data_path, out = Path(sys.argv[1]), Path(sys.argv[2])
    if out.exists():
        shutil.rmtree(out)
    with data_path.open("rb") as handle:
        data = pickle.load(handle)
    count = build(data, out)
    print(f"floor: {count} files")


if __name__ == "__main__":
    main()
