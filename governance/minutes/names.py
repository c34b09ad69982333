"""Names: the one key that matches a person however the minutes write them, and resolving initials.

The models import this module (a Person's match key), so it depends on nothing else in the parser
but the month names in `dates`.
"""

from __future__ import annotations

import re
import unicodedata

from governance.minutes.dates import MONTHS


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_HONORIFICS = _word_set(
    "mr mrs ms miss mx dr doctor prof professor dame sir lord lady baroness baron cllr councillor rev revd "
    "reverend rt hon the"
)
_POST_NOMINALS = _word_set(
    "obe cbe mbe kbe dbe gbe bem cb kcb dcb cmg kcmg lvo cvo rvo qpm qc kc frs freng fba fmedsci frsa frcp mrcp "
    "frcpch fcipd mcipd fcca fca aca phd dphil edd md mp mep msp jp dl ma msc mba ba bsc bed med mphil llb llm "
    "pgce npqh npqel npqsl hons"
)
_NAME_PARTICLES = _word_set("van von de der den da di du del della le la bin al ap y")
# Words that appear in organisations, job titles and agenda headings but never in a person's name.
_NOT_NAME_WORDS = _word_set(
    "a an and the of for to with in on at by from is was were will none nil tbc tbd etc all council school "
    "schools academy academies trust college university department authority partnership services service board "
    "group federation diocese institute centre center agency office ltd limited cic charity foundation hospital "
    "nhs police health primary secondary infant junior nursery education local city county borough team network "
    "alliance commission ministry ofsted dfe learning sector forum association union headteacher headteachers "
    "principal ceo director manager officer executive deputy assistant adviser advisor coordinator co-ordinator "
    "governor trustee chief senior specialist consultant inspector member members representative rep teacher "
    "senco parent parents carer carers pupil pupils student students colleagues welcome introductions "
    "introduction apologies minutes matters arising actions action update updates report proposal strategy "
    "meeting date time venue item items agenda any other business aob attendance priorities priority review plan "
    "data next discussion presentation summary purpose close feedback terms reference consultation decisions "
    "notes present attendees online via teams zoom microsoft room house hall building buildings street road"
)
# Words job titles and services are made of, which a name running straight into its title ends before.
_JOB_TITLE_WORDS = _word_set(
    "head heads lead leads leader practitioner strategic inclusion send sen senco sencos commissioning commissioner "
    "psychologist psychology educational clinical designated medical nurse therapist therapy social worker workers "
    "chair vice co-chair clerk secretary governance finance financial interim acting virtual operations operating "
    "business safeguarding welfare years help family families children improvement standards quality policy "
    "programme project commissioned integrated delivery development skills community communities support special "
    "needs disabilities disability adult adults youth justice housing mental wellbeing corporate planning performance "
    "resources admissions transport sufficiency provision engagement participation employment careers training "
    "curriculum assessment panel committee cabinet portfolio holder coordinator co-ordinator lecturer inspector "
    "analyst administrator admin assistant associate advisory chief deputy principal president secretariat treasurer "
    "representative representing observer observers apprentice specialist psychologists hon honorary"
)
_NOT_NAME_WORDS = _NOT_NAME_WORDS | _JOB_TITLE_WORDS | _word_set("st saint councillors cllrs governors trustees")
# Words a job title starts with, so "Jane Smith Head of Inclusion" splits before "Head"; never the first word of
# an organisation ("Oak Tree Primary School" is a school, not Oak Tree of Primary School).
_TITLE_START_WORDS = _word_set(
    "head lead leader practitioner strategic senco commissioning commissioner psychologist educational clinical "
    "designated medical nurse therapist social chair vice co-chair clerk secretary interim acting virtual "
    "coordinator co-ordinator lecturer inspector analyst administrator assistant associate chief deputy principal "
    "president treasurer representative observer specialist director manager officer executive senior headteacher "
    "teacher governor trustee adviser advisor consultant parent carer member ceo cfo dsl"
)
# Short capitals that name bodies, never a person's initials.
WELL_KNOWN_BODIES = _word_set(
    "LA LAS DFE NHS MAT MATS FE SCC ESFA ICB CCG LGA NAHT ASCL NEU SEND SEN AOB TBC DSL DSLS CEO CFO GP GPS HR IT "
    "PA PAS SLT MP MPS RAG CAMHS EHCP EHCPS"
)
BRACKETED = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_DASHES = re.compile(r"[‐‑‒–—_-]")
INITIALS = re.compile(r"[A-Z]{2,4}")


def name_key(name: str) -> str:
    """A key for matching one person however the minutes write them.

    "Dr Jonathan Crossley-Holland OBE" and "Jonathan Crossley Holland" are the same
    person to a chair, so they must be the same person to the portal.
    """
    return " ".join(_core_words(name)).casefold()


def initials_of(name: str) -> str:
    """The initials minutes use after first mention, e.g. "Jonathan Crossley-Holland" -> "JCH"."""
    return "".join(word[0].upper() for word in _core_words(name) if word[0].isalpha())


def _core_words(name: str) -> list[str]:
    """The words of a name without honorifics, post-nominals, brackets or hyphens."""
    text = _fold_accents(BRACKETED.sub(" ", name or "")).replace("’", "'")
    words = [word.strip(".,") for word in _DASHES.sub(" ", text).split()]
    return _without_titles([word for word in words if word])


def _without_titles(words: list[str]) -> list[str]:
    start, end = 0, len(words)
    while end - start > 1 and words[start].lower() in _HONORIFICS:
        start += 1
    while end - start > 1 and words[end - 1].lower().replace(".", "") in _POST_NOMINALS:
        end -= 1
    return words[start:end]


def _fold_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def looks_like_name(text: str) -> bool:
    """Whether text reads as a person's name rather than an organisation, heading or sentence."""
    words = text.split()
    core = _core_words(text)
    if not 1 <= len(core) <= 5 or len(words) > 8:
        return False
    if len(core) == 1 and len(words) == 1:
        return False  # a lone word is a heading ("Introductions"); "Dr Smith" is a name
    return all(_is_name_word(word) for word in core)


def _is_name_word(word: str) -> bool:
    if re.fullmatch(r"[A-Z]\.?", word):
        return True  # an initial: "Mr A Fairbairn"
    lowered = word.lower()
    if lowered in _NAME_PARTICLES:
        return True
    if lowered.strip(".") in _NOT_NAME_WORDS:
        return False
    letters = word.replace("'", "").replace("’", "").replace(".", "")
    return letters.isalpha() and word[0].isupper()


def is_initials(text: str) -> bool:
    """ "CA" or "J.B." standing for a person, as initials-only registers write them."""
    compact = text.replace(".", "").replace(" ", "")
    return bool(INITIALS.fullmatch(compact)) and compact not in WELL_KNOWN_BODIES


def is_not_name_word(word: str) -> bool:
    """A word names are never made of: "Councillors", "Head", "School"."""
    return word.lower().strip(".,:") in _NOT_NAME_WORDS


def is_job_title_word(word: str) -> bool:
    """A word a job title starts with: "Head", "Designated", "SENCo"."""
    return word[:1].isupper() and word.lower().strip(".,") in _TITLE_START_WORDS


def split_name_and_title(text: str) -> tuple[str, str] | None:
    """ "Jane Smith Head of Inclusion" -> ("Jane Smith", "Head of Inclusion").

    A name written straight into a job title ends before the first word names are never made of, when
    what follows reads as a job title (it has a word such as "Head", "Officer" or "Parent" in it); the
    name must still read as a name on its own. "Oak Tree Primary School" has no title, so no name.
    """
    words = text.split()
    for end in range(2, min(len(words), 7)):
        if words[end][:1].isupper() and words[end].lower().strip(".,") in _NOT_NAME_WORDS:
            name, title = " ".join(words[:end]), words[end:]
            surname = _core_words(name)[-1:] or [""]
            if any(is_job_title_word(word) for word in title[:6]) and looks_like_name(name) and len(surname[0]) > 1:
                return name, " ".join(title)
            return None
    return None


_JOINED = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_JOINED_PREFIXES = _word_set("mc mac de di da la le van von du fitz st")


def split_run_together(text: str) -> list[str] | None:
    """ "Yusuf AliJohn Penn": two names that lost the space between them, when each half is a name."""
    words = text.split()
    for position, word in enumerate(words):
        for joint in _JOINED.finditer(word):
            left, right = word[: joint.start()], word[joint.start() :]
            last_part = re.split(r"(?=[A-Z])", left)[-1]
            if last_part.lower() in _JOINED_PREFIXES or len(last_part) < 2:
                continue
            first = " ".join([*words[:position], left])
            second = " ".join([right, *words[position + 1 :]])
            halves = [first, second]
            if all(len(half.split()) >= 2 and looks_like_name(half) for half in halves):
                return halves
    return None


def is_acronym(word: str) -> bool:
    """Organisations written after a name without brackets are short capitals: ISOS, SCC, DfE."""
    if word.lower().replace(".", "") in _POST_NOMINALS:
        return False
    capitals = sum(character.isupper() for character in word)
    return bool(re.fullmatch(r"[A-Z][A-Za-z&]*[A-Z]", word)) and capitals * 2 >= len(word)


class KnownPeople:
    """Everyone named in full, in order of first mention, so later initials and first names resolve."""

    def __init__(self, names_in_order: list[str]):
        self.by_initials: dict[str, str] = {}
        self.by_key: dict[str, str] = {}
        self.by_first_name: dict[str, set[str]] = {}
        for name in names_in_order:
            self._add(name)

    def _add(self, name: str) -> None:
        words = _core_words(name)
        if len(words) == 1 and is_initials(words[0]):
            self.by_initials.setdefault(words[0], name)  # an initials-only register: "CA" is someone
        if len(words) < 2:
            return
        key = " ".join(words).casefold()
        self.by_initials.setdefault("".join(word[0].upper() for word in words if word[0].isalpha()), name)
        self.by_key.setdefault(key, name)
        self.by_first_name.setdefault(words[0].casefold(), set()).add(key)

    def resolve(self, who: str) -> str | None:
        """The full name behind initials ("SB"), a first name ("Simon") or a full name.

        A first name resolves only when one person has it; the first person named in
        full wins a clash of initials, as it would for a reader of the minutes.
        """
        who = who.strip(" .,;:()[]")
        compact = who.replace(".", "").replace(" ", "")
        if INITIALS.fullmatch(compact):
            return self.by_initials.get(compact)
        if name_key(who) in self.by_key:
            return self.by_key[name_key(who)]
        keys = self.by_first_name.get(who.casefold(), set()) if " " not in who else set()
        return self.by_key[next(iter(keys))] if len(keys) == 1 else None

    def add_initials(self, initials: str, name: str) -> None:
        """ "Ian Budd (IB)": the minutes say which initials stand for whom."""
        self.by_initials.setdefault(initials, name)

    def knows_initials(self, word: str) -> bool:
        return word in self.by_initials


_NAME_WORD = r"[A-Z][a-z'’]+(?:[A-Z][a-z'’]+)?(?:-[A-Z][a-z'’]+)?"
_NAME_RUN = re.compile(rf"(?<![\w'’-]){_NAME_WORD}(?: {_NAME_WORD}){{1,3}}(?![\w'’-])")
_RUN_LEAD_WORDS = _word_set(
    "the this that these those both all thanks dear when if as in on at for from with and but so also then monday "
    "tuesday wednesday thursday friday saturday sunday"
)


def name_runs(text: str) -> list[str]:
    """Capitalised runs of words that could be a person named in full ("Simon Day from ISOS ...")."""
    names = []
    for found in _NAME_RUN.finditer(text):
        words = found.group(0).split()
        while words and words[0].lower() in _RUN_LEAD_WORDS:
            words = words[1:]
        if len(words) >= 2 and all(_is_name_word(word) and word.lower() not in MONTHS for word in words):
            names.append(" ".join(words))
    return names
