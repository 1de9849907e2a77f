"""Casualty figures: totals, breakdowns (adults/children), minimums and explicit zeros.

Silence is not zero: only "no casualties"-style phrases give 0, and the annotation rules say
"no one was injured" says nothing about the dead.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from . import fastre
from .dates import MONTH
from .text import HEDGE, NUMBER, Wordings, load_patterns, load_table, parse_number


@dataclass(frozen=True)
class Figure:
    outcome: str  # killed | injured
    group: str
    count: int
    is_minimum: bool
    count_text: str
    start: int  # relative to the sentence
    end: int
    aside: bool = False  # "..., six children among them": a part of a total said elsewhere


_LEX = load_table("lexicon.json")
_NOUNS = {group: "|".join(words) for group, words in _LEX["casualty_nouns"].items()}
_ANY_NOUN = "|".join(_NOUNS.values())
_KILL = "|".join(_LEX["kill_words"])
_HURT = "|".join(_LEX["hurt_words"])
_BE = r"(?:\s+(?:were|was|have been|has been|had been|are|is|got|reportedly|now|have|has|had|" \
      r"known to have been|confirmed|reported|officially|also))*"
_ADJ = (rf"(?:\s+(?!(?:were|was|and|of|in|{_ANY_NOUN}|{_KILL}|{_HURT}|received|sustained|"
        rf"suffered)\b)[a-z0-9][\w-]*){{0,2}}")
_ASIDE = r"(?:of\s+(?:them|whom)|among\s+them|including)\b"
# "a man aged 50 died", "a woman, aged 67, was injured": an age, not a count
_AGED = r"(?:\s*,?\s+aged\s+\d+(?:\s*(?:and|,)\s*\d+)*\s*,?)?"
_FIG_SUBJECT = fastre.compile(
    rf"(?i)(?<![\w-])(?<!no )(?<!aged\s)(?:(?P<hedge>{HEDGE})\s+)?"
    rf"(?P<num>{NUMBER}|an?|another(?!\s+(?:{NUMBER})\b))"
    rf"(?P<adj>{_ADJ})\s*"
    rf"(?P<noun>{_ANY_NOUN})?(?:\s+(?:of|from|in)\s+[\w'’-]+(?:\s+[\w'’-]+){{0,3}}?)?"
    rf"{_AGED}"
    # "Nine people, two of them children, were killed": an aside between subject and verb
    rf"(?:\s*,\s*[^,.;]{{0,40}}?\b(?:{_ASIDE})[^,.;]{{0,40}},"
    # ... or without commas: "six residents including a child were injured"
    rf"|\s+(?:including|among\s+them)\s+(?:an?|{NUMBER})\s+(?:{_NOUNS['children']}))?{_BE}\s+"
    rf"(?:(?:lightly|slightly|seriously|severely|critically|badly|gravely|moderately)\s+)?"
    rf"(?P<verb>{_KILL}|{_HURT})\b"
)
_FIG_OBJECT = fastre.compile(
    rf"(?i)\b(?P<verb>{'|'.join(_LEX['object_verbs'])})\s+"
    rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<num>{NUMBER}|another\b|(?:an?|the)(?=\s+\S+\s+(?:{_ANY_NOUN})\b|"
    rf"\s+(?:{_ANY_NOUN})\b))"
    rf"(?P<adj>{_ADJ})\s*(?P<noun>{_ANY_NOUN})?\b"
)
_FATAL = fastre.compile(
    rf"(?i)\bfatal(?:ly)?\s+(?:wounds?|injuries)\s+(?:on|to)\s+(?:a|an|the|one)\s+(?P<noun>{_ANY_NOUN})\b"
    rf"|\b(?P<noun2>{_ANY_NOUN})\s+(?:was|were)\s+fatally\s+(?:wounded|injured)"
)
_BREAKDOWN = fastre.compile(
    rf"(?i)^\s*(?:[—–\-:(,]|including)\s*(?P<a>{NUMBER})\s+(?P<an>adults?|men|women|children|child)"
    rf"(?:\s*(?:and|,)\s*(?P<b>{NUMBER})\s+(?P<bn>adults?|men|women|children|child))?"
)
_CHILDREN = Wordings("children.jsonl", "child")  # "including 11 children", "two of them children"
_COUPLE = fastre.compile(
    r"(?i)\b(?P<verb>killed|killing|injured|injuring|wounded|wounding)\s+(?:a|an|the)\s+"
    r"(?:[a-z]+\s+)?couple\b"
    r"|\b(?:a|the)\s+(?:[a-z]+\s+)?couple\s+(?:was|were|has\s+been|have\s+been)\s+"
    r"(?P<verb2>killed|injured|wounded|hurt)"
)
# "another man and woman were injured", "a man and a woman were killed": two people
_ONE = r"(?:a|an|another|one|the)\s+(?:[a-z-]+\s+)?"
_PAIR = fastre.compile(
    rf"(?i)\b{_ONE}(?:{_NOUNS['total']}|{_NOUNS['children']})\s+and\s+(?:{_ONE})?"
    rf"(?:{_NOUNS['total']}|{_NOUNS['children']})\s+(?:were|have\s+been|had\s+been)\s+"
    rf"(?:\w+ly\s+)?(?P<verb>{_KILL}|{_HURT})\b"
)
_NO_HARM = load_patterns("no_harm.jsonl")  # "no casualties", "no one was injured", ...
_NONE_BOTH, _NONE_HURT, _NONE_DEAD = (
    _NO_HARM["no_casualties"], _NO_HARM["no_injured"], _NO_HARM["no_killed"])
# "authorities put the death toll at 21": the same update, the figure after "at"
_PUT_TOLL = fastre.compile(
    rf"(?i)\b(?:put|puts|putting|placed|places|raised)\s+(?:the\s+)?(?:death\s+)?toll"
    rf"(?:\s+(?:in|from|of)\s+[^,.;]{{0,60}}?)?\s+(?:at|to)\s+(?:(?P<hedge>{HEDGE})\s+)?"
    rf"(?P<num>{NUMBER})"
)
_UPDATE = fastre.compile(
    rf"(?i)\b(?:number\s+of\s+(?:(?:people|persons|civilians|residents|those)\s+)?"
    rf"(?P<what>injured|wounded|dead|killed|victims|casualties|fatalities)"
    rf"(?:\s+(?:in|by|from|after|when|as)\s+[^.;]{{0,140}}?)?|"
    rf"(?P<toll>death\s+toll|toll)(?:\s+(?:in|from|of)\s+[^,.;]{{0,60}}?)?)\s+"
    rf"(?:has\s+|had\s+)?(?:risen|rose|increased|climbed|grew|grown|"
    rf"reached|stands\s+at|stood\s+at|is|was)\s+(?:to\s+)?(?:(?P<hedge>{HEDGE})\s+)?(?P<num>{NUMBER})"
)
# every no-harm wording (patterns/no_harm.jsonl) holds one of these words, most sentences none
# (tests/test_extract_rules.py checks the examples)
_NEGATION = re.compile(
    r"(?i)\b(?:no|nobody|none|not|without|absent|avoided|neither|unharmed|unhurt)\b|n['’]t\b")
_HEDGED_NEG = fastre.compile(
    r"(?i)\b(?:whether|not yet (?:been )?(?:reported|known)|unclear|unknown|if any)\b"
)


_GROUPS = [(g, re.compile(rf"(?i)(?:{alt})")) for g, alt in _NOUNS.items()]
# "the number of victims stood at 53 ... 20 of the injured": victims that were hurt, not killed
_HURT_RE = fastre.compile(rf"(?i)\b(?:{_HURT})\b")
_KILL_RE = fastre.compile(rf"(?i)\b(?:{_KILL}|killing|death)\b")
_KILLING = re.compile(rf"(?i)(?:{_KILL}|killing|martyring|fatal|death)")
_FIGURE_OR_VERB = re.compile(rf"(?i)\d|\b(?:{_KILL}|{_HURT})\b")


def _group(noun: str | None) -> str:
    if not noun:
        return "total"
    for g, rx in _GROUPS:
        if rx.fullmatch(noun):
            return g
    return "total"


def _outcome(verb: str) -> str:
    return "killed" if _KILLING.match(verb) else "injured"


# a death toll is a count of the dead: "the toll stands at nine, including two children"
_ANY_VERB = fastre.compile(rf"(?i)\b(?:{_KILL}|{_HURT}|killing|injuring|wounding|death\s+toll)\b")


class _Verbs:
    """Casualty verbs of a sentence, found once: 'the last verb before X' is then a bisect,
    not a fresh search over the text before every mention."""

    def __init__(self, text: str):
        found = list(_ANY_VERB.finditer(text))
        self.starts = [m.start() for m in found]
        self.words = [m.group(0) for m in found]

    def last_before(self, position: int) -> str | None:
        index = bisect_left(self.starts, position)
        return self.words[index - 1] if index else None

    def first(self) -> str | None:
        return self.words[0] if self.words else None

    def first_after(self, position: int) -> str | None:
        index = bisect_left(self.starts, position)
        return self.words[index] if index < len(self.words) else None


def find_casualties(text: str) -> list[Figure]:
    """Casualty figures of one sentence, breakdowns and zeros included."""
    if _HEDGED_NEG.search(text) and not _FIGURE_OR_VERB.search(text):
        return []
    verbs = _Verbs(text)
    out: list[Figure] = []
    for rx in (_FIG_SUBJECT, _FIG_OBJECT):
        for m in rx.finditer(text):
            out += _counted(text, m, subject=rx is _FIG_SUBJECT)
    out += _updates(text) + _singles(text) + _children(text, verbs)
    out += _implied_totals(text, out)
    return out + _zeros(text, out)


def _count_of(m: re.Match, subject: bool) -> int | None:
    """The count a subject or object match states, or None when it is no count of people."""
    num, noun = m.group("num"), m.group("noun")
    if _not_a_head_count(num.lower(), noun, subject):
        return None
    count = 1 if num.lower() in ("the", "another") else parse_number(num)
    adj = re.sub(r"\d+-year-old", "", m.group("adj") or "")
    if count is None or re.search(r"\d|year|drone|missile|rocket|bomb|shell|UAV|strike|attack",
                                  adj, re.I) or count > _MOST_IN_ONE_ATTACK:
        return None
    if _DAY_OF_MONTH.match(adj) or _MONTH_BEFORE.search(m.string[:m.start("num")]):
        return None  # "on 23 March killed one", "on March 23 killed": a day, not a count
    if not noun and re.fullmatch(r"(?:19|20)\d\d", num):
        return None  # "the 2022 attack killed ...": a year, not a count
    if subject and re.match(r"(?i)injuries", m.group("verb")) and not noun:
        return None
    return count


# "the WHO says at least 40,000 people have been killed": a war's toll, not one attack's (the
# deadliest single strikes of these wars killed a few hundred)
_MOST_IN_ONE_ATTACK = 5_000
_DAY_OF_MONTH = fastre.compile(rf"(?i)\s*(?:st|nd|rd|th)?\s*(?:of\s+)?{MONTH}(?![a-z])")
_MONTH_BEFORE = fastre.compile(rf"(?i)\b{MONTH}\s*$")


def _not_a_head_count(low: str, noun: str | None, subject: bool) -> bool:
    """'killing the driver' is one; 'the injured', 'a residents' and a bare 'a' are none."""
    plural = bool(noun) and noun.lower().endswith("s")
    if low == "the":
        return not noun or plural or subject
    if low in ("a", "an", "one") and plural and noun.lower() != "others":
        return True
    return not noun and low in ("a", "an", "no")


def _counted(text: str, m: re.Match, *, subject: bool) -> list[Figure]:
    """'Nine people were killed', 'killing nine people', with an '— 6 adults and 1 child'
    breakdown after a total."""
    count = _count_of(m, subject)
    if count is None:
        return []
    group, outcome = _group(m.group("noun")), _outcome(m.group("verb"))
    minimum = bool(m.group("hedge") and re.match(
        r"(?i)at least|more than|over|no fewer|no less", m.group("hedge")))
    out = [Figure(outcome, group, count, minimum, m.group(0), m.start(), m.end())]
    bd = _BREAKDOWN.match(text[m.end():]) if group == "total" else None
    if bd:
        for n, noun in ((bd.group("a"), bd.group("an")), (bd.group("b"), bd.group("bn"))):
            c = parse_number(n) if n else None
            if c is not None:
                g = "children" if re.match(r"(?i)child", noun) else "adults"
                out.append(Figure(outcome, g, c, False, f"{n} {noun}",
                                  m.end() + bd.start(), m.end() + bd.end()))
    return out


def _updates(text: str) -> list[Figure]:
    """'The death toll has risen to 21', 'authorities put the toll at 21'."""
    out = []
    for m in [*_UPDATE.finditer(text), *_PUT_TOLL.finditer(text)]:
        count = parse_number(m.group("num"))
        if count is None:
            continue
        what = ((m.groupdict().get("what")) or "dead").lower()
        outcome = "injured" if what in ("injured", "wounded") or (
            what in ("victims", "casualties") and _HURT_RE.search(text)
            and not _KILL_RE.search(text)) else "killed"
        out.append(Figure(outcome, "total", count, bool(m.group("hedge")), m.group(0),
                          m.start(), m.end()))
    return out


def _singles(text: str) -> list[Figure]:
    """'fatal injuries to a man' is one dead; 'killing a married couple' and 'a man and a
    woman were injured' two."""
    out = [Figure("killed", _group(m.group("noun") or m.group("noun2")), 1, False,
                  m.group(0), m.start(), m.end()) for m in _FATAL.finditer(text)]
    for m in _COUPLE.finditer(text):
        verb = m.group("verb") or m.group("verb2")
        out.append(Figure(_outcome(verb), "total", 2, False, m.group(0), m.start(), m.end()))
    if " and " in text:  # cheap: most sentences name no pair
        out += [Figure(_outcome(m.group("verb")), "total", 2, False, m.group(0), m.start(),
                       m.end()) for m in _PAIR.finditer(text)]
    return out


def _children(text: str, verbs: _Verbs) -> list[Figure]:
    """'including 11 children', 'a child was among the injured', 'two of them children': the
    wordings are patterns/children.jsonl."""
    out = []
    for m, row, groups in _CHILDREN.finditer(text):
        count = parse_number(groups["num"]) if groups.get("num") else 1
        if count is None:
            continue
        # "five people, a child among them, were killed": the verb after the aside when none
        # comes before it
        verb = groups.get("verb") or verbs.last_before(m.start()) or (
            verbs.first_after(m.end()) if row.get("verb_from") == "before" else verbs.first())
        out.append(Figure(_outcome(verb) if verb else "injured",
                          _group(groups["noun"]) if groups.get("noun") else "children", count,
                          False, m.group(0), m.start(), m.end(),
                          aside=row.get("verb_from") == "before"))
    return out


def _implied_totals(text: str, found: list[Figure]) -> list[Figure]:
    """'two children were injured' states a total too."""
    out = []
    for outcome in ("killed", "injured"):
        parts = [f for f in found if f.outcome == outcome and f.group != "total" and not f.aside]
        if not parts or any(f.outcome == outcome and f.group == "total" for f in found):
            continue
        by_group: dict[str, int] = {}
        for f in parts:
            by_group[f.group] = max(by_group.get(f.group, 0), f.count)
        first = min(parts, key=lambda f: f.start)
        last = max(parts, key=lambda f: f.end)
        out.append(Figure(outcome, "total", sum(by_group.values()),
                          any(f.is_minimum for f in parts), text[first.start:last.end],
                          first.start, last.end))
    return out


def _zeros(text: str, found: list[Figure]) -> list[Figure]:
    """'No casualties' is 0 killed and 0 injured, where no figure was stated."""
    if not _NEGATION.search(text) or _HEDGED_NEG.search(text):
        return []
    out: list[Figure] = []
    for rx, outcomes in ((_NONE_BOTH, ("killed", "injured")), (_NONE_HURT, ("injured",)),
                         (_NONE_DEAD, ("killed",))):
        m = rx.search(text)
        if not m:
            continue
        for o in outcomes:
            if not any(f.outcome == o and f.group == "total" for f in found + out):
                out.append(Figure(o, "total", 0, False, m.group(0), m.start(), m.end()))
    return out
