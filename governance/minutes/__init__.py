"""Read uploaded meeting minutes into a draft that a chair confirms.

Partnerships arrive with years of minutes in Word and text files, each in its own house style.
Nothing here is saved: the parser reports what it understood and, in plain English, what it could
not, so that a person can put it right on a confirmation screen. One module per stage, like
Wagtail's rich text converters: `files` reads an upload, `sections` finds the labelled parts,
`people`, `dates`, `agenda` and `actions` read each part, and `reader` ties them together.
`names` is the one module the models import, to match a person however the minutes write them.
"""

from governance.minutes.files import MAX_UPLOAD_BYTES, MinutesFileError, extract_text
from governance.minutes.names import initials_of, name_key
from governance.minutes.reader import parse_minutes
from governance.minutes.results import ParsedAction, ParsedApology, ParsedMinutes, ParsedPerson, ParserWarning

__all__ = [
    "MAX_UPLOAD_BYTES",
    "MinutesFileError",
    "ParsedAction",
    "ParsedApology",
    "ParsedMinutes",
    "ParsedPerson",
    "ParserWarning",
    "extract_text",
    "initials_of",
    "name_key",
    "parse_minutes",
]
