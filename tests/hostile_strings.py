"""Hostile strings: what an attacker, a careless paste or a broken export types into the portal's forms.

Every payload that could run script sets `window.__pwned` (and most call `alert`), so a browser test
can tell that one ran even when no dialog opens. The groups are kept apart because forms treat them
differently: most strings must be stored exactly and shown as text, NUL must be refused or stripped,
the long string must be refused with its limit named, and formulas must leave every CSV neutralised.
"""

PWNED = "window.__pwned=1"

SCRIPT_TAGS = [
    f"<script>{PWNED};alert(1)</script>",
    f"</textarea></title></style><script>{PWNED}</script>",
    f'"><script>{PWNED}</script>',
    f"'><script>{PWNED}</script><'",
    f"<scr<script>ipt>{PWNED}</scr</script>ipt>",
]

EVENT_HANDLERS = [
    "<img src=x onerror=alert(1)>",
    f'<img src=x onerror="{PWNED};alert(1)">',
    f'" autofocus onfocus="{PWNED};alert(1)" x="',
    f"' autofocus onfocus='{PWNED}' x='",
    f"<body onload={PWNED}>",
    f"<details open ontoggle={PWNED};alert(1)>",
    f'<input autofocus onfocus="{PWNED}">',
]

URLS = [
    "javascript:alert(1)",
    f"javascript:{PWNED}//",
    f'<a href="javascript:{PWNED}">click me</a>',
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">data link</a>',
    f'<iframe src="javascript:{PWNED}"></iframe>',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
]

SVG_AND_MATHML = [
    f"<svg onload={PWNED};alert(1)>",
    f"<svg><script>{PWNED}</script></svg>",
    f'<svg><a xlink:href="javascript:{PWNED}"><text x="20" y="20">svg link</text></a></svg>',
    f"<svg><animate onbegin={PWNED} attributeName=x dur=1s>",
    f"<math><mtext><table><mglyph><style><img src=x onerror={PWNED}>",
    f'<math href="javascript:{PWNED}">maths</math>',
]

TEMPLATE_SYNTAX = [
    "{{ 7*7 }}",
    "{% debug %}",
    "{{ request.user.password }}",
    "{% include 'base.html' %}",
    "${7*7} #{7*7} <%= 7*7 %>",
]

FORMULAS = [
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "+1",
    "-1+1",
]

CONTROL_AND_BIDI = [
    "\u202eevil.exe\u202c txt",  # right-to-left override, as in file-name spoofing
    "\u2066isolate\u2069 \u2067rtl\u2069 \u2068first\u2069",
    "zero\u200bwidth\u200c\u200djoin\ufeffbom",
    "bell\x07escape\x1b[31mred\x1b[0m",
    "controls\x01\x02\x03\x08\x0b\x0c\x0e\x1f\x7f end",
    "line\u2028separator\u2029paragraph",
    "header\r\nBcc: victim@example.org",
]

NUL = "before\x00after"
LONG = "A" * 100_000

# Stored exactly and shown as text by every text field that allows their length.
STORABLE = SCRIPT_TAGS + EVENT_HANDLERS + URLS + SVG_AND_MATHML + TEMPLATE_SYNTAX + FORMULAS + CONTROL_AND_BIDI
EVERYTHING = [*STORABLE, NUL, LONG]

# Characters Excel cannot hold in a cell (openpyxl refuses them): an XLSX export must drop them, not fail.
XLSX_ILLEGAL = "controls\x01\x02\x03 end"


def joined(strings=STORABLE, separator="\n") -> str:
    """Every string in one value, for a field long enough to take them all at once."""
    return separator.join(strings)


def packed(limit: int, start: int = 0, separator=" ") -> str:
    """As many strings as fit in `limit` characters, from `start` on: a short field's share of the corpus."""
    chosen, length = [], 0
    for value in STORABLE[start:] + STORABLE[:start]:
        if length + len(value) + len(separator) <= limit:
            chosen.append(value)
            length += len(value) + len(separator)
    return separator.join(chosen)


def short_enough(limit: int, strings=STORABLE) -> list[str]:
    return [value for value in strings if len(value) <= limit]


def as_stored(value: str) -> str:
    """What a Django form keeps of a value: the same text, less surrounding whitespace."""
    return value.strip()


def formula_cells(cells) -> list[str]:
    """The cells a spreadsheet would run as a formula; an export is safe when this is empty."""
    return [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
