"""The fields of the forms on a page, as a browser would submit them (the load test and
tests/test_multinode.py fill real forms: CSRF token, hidden version fields and all)."""

from __future__ import annotations

from html.parser import HTMLParser


class Forms(HTMLParser):
    """`forms`: one dict per <form>: its action and its (name, value) pairs."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action") or "", "fields": []})
            return
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        if tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "file", "button", "image"):
                fields.append((a["name"], a.get("value") or ""))
        elif tag == "select" and a.get("name"):
            # [name, first option, an option chosen, multiple]
            self._select = [a["name"], None, False, "multiple" in a]
        elif tag == "option" and self._select:
            if self._select[1] is None:
                self._select[1] = a.get("value") or ""
            if "selected" in a:
                fields.append((self._select[0], a.get("value") or ""))
                self._select[2] = True
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            name, first, chosen, multiple = self._select
            if not chosen and not multiple and first is not None:
                self.forms[-1]["fields"].append((name, first))  # what a browser sends
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            if self.forms:
                self.forms[-1]["fields"].append(tuple(self._textarea))
            self._textarea = None


def form_fields(html: str, containing: str) -> list[tuple[str, str]] | None:
    """The fields of the first form that has a field named `containing` (or None)."""
    parser = Forms()
    parser.feed(html)
    for form in parser.forms:
        if any(name == containing for name, _value in form["fields"]):
            return list(form["fields"])
    return None


def replace(fields, name, value) -> list[tuple[str, str]]:
    return [(k, v) for k, v in fields if k != name] + [(name, value)]
