"""Left-to-right runs inside right-to-left pages: phone numbers, email addresses, case references,
postcodes, money, dates in digits, URLs and UPRNs read left to right even in an Arabic sentence,
so a page in a right-to-left language isolates each one (`<bdi dir="ltr">`), else the Unicode
bidirectional algorithm shows "01865 249811" as "249811 01865".

`isolate_ltr_runs` finds them in a text (escaping the rest) and has no Django in it; the template
filters `ltr` and `ltr_runs` (`web.templatetags.council_site`) use it only on right-to-left pages.
"""

from __future__ import annotations

import re
from html import escape

# Order matters: the longer shapes first, so an email's digits are not taken as a number.
LTR_RUN = re.compile(
    r"""
      (?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*[A-Za-z0-9/_~#=&%-]  # a URL
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                        # an email address
    | £\s?[0-9][0-9,]*(?:\.[0-9]{2})?                     # money
    | \b[A-Z]{2,3}-[0-9A-Z]{4}-[0-9A-Z]{4}\b              # a case reference (SR-7KQM-3XHD)
    | \b[A-Z]{1,2}[0-9][0-9A-Z]?\ ?[0-9][A-Z]{2}\b        # a UK postcode
    | \+?[0-9](?:[0-9]|[ ./:()-](?=[0-9(]))*[0-9]         # phone numbers, dates, times, UPRNs
    """,
    re.VERBOSE | re.ASCII,
)


def isolate(html: str) -> str:
    """Already-escaped `html` shown left to right, isolated from the text around it."""
    return f'<bdi dir="ltr">{html}</bdi>'


def isolate_ltr_runs(text: str) -> str:
    """`text` escaped for HTML, with each left-to-right run in it isolated."""
    parts = []
    position = 0
    for run in LTR_RUN.finditer(text):
        parts.append(escape(text[position : run.start()], quote=True))
        parts.append(isolate(escape(run.group(), quote=True)))
        position = run.end()
    parts.append(escape(text[position:], quote=True))
    return "".join(parts)
