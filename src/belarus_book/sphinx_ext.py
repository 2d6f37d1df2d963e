"""Small Sphinx fixes the book needs, loaded through _config.yml (sphinx.extra_extensions).

sphinx-thebe and sphinx-togglebutton register inline configuration scripts (no file name) that
reach each page twice, once with the file name None and once with "", which Sphinx does not
recognise as the same script. So every page declared THEBE_JS_URL twice, which browsers report
as a page error. The repeats are dropped from each page's script list before it is rendered.
The bibliography's container gets the role its entries need (see _bibliography_role).
"""

from __future__ import annotations


def _key(script) -> tuple:
    # The same inline script arrives once with filename None and once with "" (registry vs builder).
    attributes = getattr(script, "attributes", {})
    return (str(getattr(script, "filename", script) or ""), tuple(sorted((k, str(v)) for k, v in attributes.items())))


def _drop_repeated_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    seen, unique = set(), []
    for script in scripts:
        if _key(script) not in seen:
            seen.add(_key(script))
            unique.append(script)
    scripts[:] = unique


def _bibliography_role(app, pagename, templatename, context, doctree) -> None:
    """docutils gives the citation container role="list" while its children are bibliography
    entries (role="doc-biblioentry"), which assistive technology cannot reconcile; the container
    is a bibliography."""
    body = context.get("body")
    if isinstance(body, str) and '<div role="list" class="citation-list">' in body:
        context["body"] = body.replace(
            '<div role="list" class="citation-list">', '<div role="doc-bibliography" class="citation-list">'
        )


def setup(app):
    # Late priority: after every extension has added its scripts to the page.
    app.connect("html-page-context", _drop_repeated_scripts, priority=900)
    app.connect("html-page-context", _bibliography_role)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
