"""Plain text from the parts of an email people read: an HTML-only email's words, and a reply
without the earlier messages it quotes."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    {"p", "div", "br", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
    | {"ul", "ol", "section", "article", "header", "footer", "hr", "pre", "address"}
)
_UNSEEN = frozenset({"script", "style", "head", "title", "template"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _UNSEEN:
            self._hidden_depth += 1
        elif tag in _BLOCKS:
            self.pieces.append("\n")
        if tag == "li":
            self.pieces.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _UNSEEN:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in _BLOCKS and tag not in {"li", "br"}:
            self.pieces.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self.pieces.append(data)


def text_from_html(html: str) -> str:
    """The words of an HTML email, paragraphs kept apart, with no markup, scripts or styles."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.pieces).splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


_QUOTE_HEADER = re.compile(
    r"^(?:On .{1,300}wrote:|-{2,}\s*Original Message\s*-{2,}|_{10,})\s*$", re.IGNORECASE
)


def without_quoted_reply(text: str) -> str:
    """A reply's own words: cut where the quoted earlier message starts ("On ... wrote:", an
    Outlook "Original Message" line, or a closing run of "> " lines). The whole email is kept
    with the case as received, so nothing cut here is lost."""
    lines = text.splitlines()
    cut = _start_of_trailing_quote(lines)
    for index, line in enumerate(lines[:cut]):
        if _QUOTE_HEADER.match(line.strip()):
            cut = index
            break
    own_words = "\n".join(lines[:cut]).strip()
    return own_words or text.strip()


def _start_of_trailing_quote(lines: list[str]) -> int:
    """Where the closing run of "> " lines (blank lines allowed) begins; len(lines) if none."""
    start = len(lines)
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if line.startswith(">"):
            start = index
        elif line.strip():
            break
    return start
