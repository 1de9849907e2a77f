"""Weapon mentions with their quantity and outcome, read from one sentence.

The catalog (data/weapons.json) names what a weapon is; the sentence says how many and what
happened to it ("intercepted 7 HIMARS rockets and shot down 16 drones": two figures).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from . import fastre
from .text import HEDGE, NUMBER, VAGUE, load_patterns, load_table, parse_number


@dataclass(frozen=True)
class Mention:
    name: str
    canonical: str
    category: str
    role: str
    start: int  # relative to the sentence
    end: int
    quantity: int | None
    quantity_text: str | None
    singular: bool
    outcome: str | None
    q_start: int  # where the figure starts (quantity or name)


_HEAD = (
    r"(?:\s+(?:cruise\s+|ballistic\s+|guided\s+|tactical\s+|aerial\s+)?"
    r"(?:missiles?|rockets?|bombs?|projectiles?|munitions?)\b)?"
)


@lru_cache(maxsize=1)
def _catalog():
    entries = load_table("weapons.json")["weapons"]
    parts = []
    index = []
    for i, e in enumerate(entries):
        flags = "" if e.get("case") else "(?i)"
        for alias in e["aliases"]:
            parts.append((alias, i, flags))
    # one alternation, longest aliases first: the specific form wins over the generic word
    parts.sort(key=lambda p: len(p[0]), reverse=True)
    alternatives = [
        f"(?P<w{n}>{('(?i:' + a + ')') if f else a})" for n, (a, _i, f) in enumerate(parts)
    ]
    index = [i for _a, i, _f in parts]
    # tried by first character: at "the", only the aliases that start with a "t"
    rx = fastre.Alternatives(alternatives, r"(?<![\w-])", r"(?![\w-])")
    return entries, rx, index


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def generic_names() -> frozenset[str]:
    """Catalog entries that name a class ("cruise missile"), not a system ("Kh-101")."""
    entries = _catalog()[0]
    return frozenset(e["canonical"] for e in entries if not e.get("country"))


@lru_cache(maxsize=1)
def _outcome_patterns() -> list[tuple[re.Pattern, str]]:
    lex = load_table("lexicon.json")
    pats = []
    for outcome, words in lex["outcomes"].items():
        # "Ukrainian-launched", "air-launched": part of the weapon's name, not what became of it
        guard = "(?<!-)" if outcome == "launched" else ""
        for w in words:
            pats.append((fastre.compile(rf"(?i){guard}\b{w}\b"), outcome))
    return pats


@lru_cache(maxsize=1)
def _outcome_finder() -> fastre.Each:
    """The outcome patterns in their order, tried only where their words are."""
    return fastre.Each([rx for rx, _ in _outcome_patterns()])


def _modifiers() -> str:
    """Words between a count and its weapon, from the lexicon and the demonym table."""
    lex, regions = load_table("lexicon.json"), load_table("regions.json")
    nationalities = [re.escape(w.lower()) for w in regions["demonyms"]
                     if not w.endswith(("'s", "’s")) and w[0].isupper()]
    return "|".join(lex["weapon_modifiers"] + sorted(set(nationalities), key=len, reverse=True))


def _outcome_verbs() -> str:
    """Every outcome wording but "launched", from the lexicon: one list for every rule that
    reads a count and its verb ("eight were brought down"), so a new wording is one entry."""
    outcomes = load_table("lexicon.json")["outcomes"]
    words = [w for o in ("destroyed", "intercepted", "hit") for w in outcomes[o]]
    return "|".join(sorted(words, key=len, reverse=True))


# "every one of the 14 drones", "each of them": as many as the total they are taken from
_EVERY = r"every\s+one|each(?:\s+one)?|all"
_EVERY_RE = re.compile(_EVERY)
# "most of which were intercepted": a share of them, with no number
_SHARE = r"most|many|some|several|the\s+rest|the\s+remainder|the\s+others"
_SHARE_RE = re.compile(_SHARE)
_QTY = fastre.compile(
    rf"(?i)(?:(?P<hedge>{HEDGE})\s+)?(?<![\w/-])(?P<num>{NUMBER}|both|{_EVERY}(?=\s+of\b))"
    rf"(?:\s+(?:(?:out\s+)?of\s+(?:the\s+|those\s+|these\s+)?(?:(?P<total>{NUMBER})\s+)?)?)?"
    rf"(?:\s*(?:{_modifiers()})\s+){{0,3}}\s*$"
)
_VAGUE_RE = fastre.compile(
    rf"(?i)(?P<num>{VAGUE})\s+(?:(?:enemy|hostile|other|ukrainian|russian|attack|more)\s+){{0,3}}$"
)
ORDINALS = ("second", "third", "fourth", "fifth", "sixth")
_ORDINAL = fastre.compile(
    r"(?i)\b(?:a|the)\s+(second|third|fourth|fifth|sixth)\s+(?:[A-Za-z-]+\s+){0,2}$"
)
_SINGULAR_DET = fastre.compile(
    r"(?i)\b(?:a|an|one|single|a\s+single|lone|another)\s+(?:(?:[A-Za-z-]+)\s+){0,3}$"
)


_DEFENSIVE = fastre.compile(
    r"(?i)\b(?:anti-aircraft|interceptor|air[- ]defen[cs]e|surface-to-air|SAM)\s+$"
)


_ASIDE_AT_END = re.compile(r"\s*\([^)]*\)$")


def _is_plural(name: str) -> bool:
    last = _ASIDE_AT_END.sub("", name).split()[-1]
    return (last.endswith("s") and not last.endswith("ss") and last not in ("HIMARS", "NASAMS",
            "GMLRS", "ATACMS", "systems")) or last in ("jets", "aircraft") and False


_HEAD_RE = fastre.compile(_HEAD)


def _drop_drone_payloads(found: list[Mention]) -> list[Mention]:
    """"A drone dropped a bomb on a house": the bomb is the drone's payload, not a weapon of
    its own (annotation rules section 1: drones dropping explosives are drone attacks)."""
    if not any(w.category == "uav" for w in found):
        return found
    return [w for w in found if not (w.canonical == "aerial bomb" and w.name.lower() in
                                     ("bomb", "bombs", "explosive", "explosives"))]


def find_weapons(text: str) -> list[Mention]:
    """Every catalog weapon named in a sentence, with the figure attached to it."""
    entries, rx, index = _catalog()
    found: list[Mention] = []
    extra: list[Mention] = []
    for m in rx.finditer(text):
        e = entries[index[int(m.lastgroup[1:])]]
        start, end = m.span()
        if e["category"] == "other" and _DEFENSIVE.search(text[max(0, start - 30):start]):
            continue  # "anti-aircraft missile troops", "interceptor missiles": the defence
        head = _HEAD_RE.match(text, end)
        name = m.group(0)
        if head and head.group(0) and e["category"] != "other":
            name += head.group(0)
            end += len(head.group(0))
        mention, total = _counted_mention(text, e, name, start, end)
        found.append(mention)
        if total is not None:
            extra.append(total)
    found = _drop_drone_payloads(_fold_launch_platforms(text, found)) \
        + _pronoun_figures(text, found)
    found += _of_the_lead(text, found)
    found.sort(key=lambda w: w.start)
    if not found and not extra:
        return []
    out = _with_outcomes(text, found)
    triggers = _triggers(text)
    for k, w in enumerate(out):
        if w.outcome == "launched" and any(x.start == w.start and x.outcome == "launched"
                                           for x in extra):
            # "25 of the 33 drones launched ... were destroyed": launched is the total's
            out[k] = replace(w, outcome=_part_outcome(triggers, w))
    return out + extra


def _part_outcome(triggers: _Triggers, w: Mention) -> str | None:
    """The outcome of the N in "N of M": the verb after ("25 of the 33 drones launched ... were
    destroyed"), else the one the list hangs on ("destroyed 7 of 8 missiles and 45 of 60
    drones launched by Russia")."""
    later = sorted((t.start(), o) for t, o in triggers.near(w.end + 1, w.end + 1000)
                   if o != "launched")
    if later:
        return later[0][1]
    earlier = sorted((t.start(), o) for t, o in triggers.near(0, w.q_start) if o != "launched")
    return earlier[-1][1] if earlier else "launched"


_AND_COUNT = (  # "..., and 16 more were shot down"
    rf"(?:\band|,|;|:|\bwhile|\bbut)\s+(?:another\s+|a\s+further\s+|at\s+least\s+)?"
    rf"(?P<num3>{NUMBER})\s+(?:more\s+)?"
    rf"(?=(?:were|was|had been|have been)?\s*[\"“'‘]?(?:\w+ly\s+)?(?:{_outcome_verbs()}|lost)\b)"
)
_OF_THEM = fastre.compile(
    rf"(?i)(?:(?P<hedge>{HEDGE})\s+)?(?P<num>{NUMBER}|{_EVERY}|{_SHARE})\s+of\s+"
    r"(?:them|these|those|which)\b"
    r"(?!\s+(?:were\s+|are\s+)?(?:children|minors|teenagers|adults|women|men|civilians)\b)"
    rf"|\bof\s+(?:them|these|which)\s*,?\s+(?:(?P<hedge2>{HEDGE})\s+)?(?P<num2>{NUMBER})\b"
    rf"|{_AND_COUNT}"
)
# The first two wordings both need "of them" (these, those, which); a text without it can only
# match the third, alone the same matches for a tenth of the work (it is tried at commas only)
_OF_PRONOUN = fastre.compile(r"(?i)\bof\s+(?:them|these|those|which)\b")
_AND_COUNT_ONLY = fastre.compile(rf"(?i){_AND_COUNT}")


# "Of the 30 drones fired at Odesa, air defence intercepted 25": the lead names the total, the
# verb that follows gives the part its outcome
_OF_THE_TOTAL = fastre.compile(rf"(?i)\bof\s+the\s+(?:(?:{HEDGE})\s+)?(?P<total>{NUMBER})\s+$")
_VERB_COUNT = fastre.compile(
    rf"(?i)\b(?:shot\s+down|downed|destroyed|intercepted|neutrali[sz]ed|jammed|suppressed|"
    rf"hit|struck)\s+(?:(?P<hedge>{HEDGE})\s+)?(?P<num>{NUMBER})\b(?!\s*(?:[-–]|[A-Za-z]))"
)


def _of_the_lead(text: str, found: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for w in found:
        lead = _OF_THE_TOTAL.search(text[max(0, w.start - 40):w.start])
        if not lead or w.quantity is None:
            continue
        for m in _VERB_COUNT.finditer(text, w.end):
            if any(o.start >= w.end and o.start < m.start() for o in found if o is not w):
                break  # another weapon named first: the count is its own
            qty = parse_number(m.group("num"))
            if qty is None or qty > w.quantity:
                break
            out.append(Mention(w.name, w.canonical, w.category, w.role, m.start("num"),
                               m.end("num"), qty, m.group("num"), qty == 1, None,
                               m.start("num")))
            break
    return out


_PEOPLE_AFTER = fastre.compile(
    r"(?i),?\s*(?:were\s+|are\s+)?(?:children|child|minors?|civilians?|women|men|people|adults|"
    r"teenagers?|boys?|girls?|soldiers|servicemen|residents)\b"
)


_PRONOUN_HINT = fastre.compile(
    rf"(?i)\bof\s+(?:them|these|those|which)\b|\b(?:{_outcome_verbs()}|lost)\b")


def _figure_wordings(text: str) -> Iterator[re.Match]:
    return (_OF_THEM if _OF_PRONOUN.search(text) else _AND_COUNT_ONLY).finditer(text)


def _referred(num: str, before: list[Mention]) -> tuple[Mention, int | None]:
    """The weapon "N of them" refers to, and N: "all of them" are as many as were counted,
    "most of which" has no number."""
    if _EVERY_RE.fullmatch(num.lower()):
        counted = [w for w in before if w.quantity]
        ref = counted[-1] if counted else before[-1]
        return ref, ref.quantity
    return before[-1], parse_number(num)


def _pronoun_figures(text: str, found: list[Mention]) -> list[Mention]:
    """'launched 120 drones ... destroyed 98 of them': a figure of the weapon named before."""
    out: list[Mention] = []
    if not _PRONOUN_HINT.search(text):
        return out
    for m in _figure_wordings(text):
        before = [w for w in found if w.end <= m.start() and w.role == "attacker"]
        if not before:
            continue
        groups = m.groupdict()
        num = groups.get("num") or groups.get("num2") or groups["num3"]
        if groups["num3"] and any(m.end() <= w.start < m.end() + 12 for w in found):
            continue  # "and 16 drones were shot down": the weapon is named, not referred to
        ref, qty = _referred(num, before)
        if (qty is None and not _SHARE_RE.fullmatch(num.lower())) \
                or _PEOPLE_AFTER.match(text[m.end():]):
            continue  # "killed four people, two of them children": people, not weapons
        # "..., 30 were lost", "25 of them were intercepted": the verb that follows is the
        # outcome, not the launch verb before the weapon they refer to
        nxt = [(t.start(), o) for t, o in _triggers(text).near(m.end(), m.end() + 29)]
        outcome = min(nxt)[1] if nxt else None
        out.append(Mention(ref.name, ref.canonical, ref.category, ref.role, m.start(), m.end(),
                           qty, num, False, outcome, m.start()))
    return out


# "Four were shot down ...": a sentence that opens with a bare count of the weapon just named
_BARE_COUNT = fastre.compile(
    rf"(?i)\s*(?P<num>{NUMBER}|{_SHARE})\s+(?:of\s+them\s+)?(?:were|was|had\s+been|have\s+been)\s+"
    r"(?:\w+ly\s+)?(?P<verb>shot|destroyed|downed|intercepted|suppressed|jammed|lost|"
    r"neutrali[sz]ed|brought)\b"
)
_LAST_ONE = fastre.compile(
    r"(?i)\bbut\s+(?:the\s+)?(second|third|fourth|fifth|sixth|last|remaining\s+one|other\s+one|some)"
    r"\s+(?:\w+\s+)?(?:detonated|exploded|hit|struck|landed|crashed|got\s+through)\b"
)


_OF_THEM_LEAD = re.compile(r"(?i)\s*(?:of\s+(?:them|these|those|which)\b|all\s+of\s+them\b|"
                           r"among\s+them\b)")
_COUNT_OF_THEM = fastre.compile(rf"(?i)(?<![\w-])(?:{NUMBER})\s+of\s+(?:them|these|those)\b")
_A_NUMBER = re.compile(rf"(?i)(?<![\w-])(?:{NUMBER})(?![\w-])")


def _bare_figures(text: str, bare: re.Match, ref: Mention) -> list[Mention]:
    """"Four were shot down, but the fifth detonated", "Most were intercepted, but some hit
    central Israel": figures of the weapon just named; a share has no number."""
    share = bool(_SHARE_RE.fullmatch(bare.group("num").lower()))
    qty = None if share else parse_number(bare.group("num"))
    verb_at = bare.start("verb")
    nxt = [(t.start(), o) for t, o in _triggers(text).near(verb_at, verb_at)]
    out = [Mention(ref.name, ref.canonical, ref.category, ref.role, 0, bare.end("num"), qty,
                   bare.group("num"), qty == 1, min(nxt)[1] if nxt else None, 0)]
    last = _LAST_ONE.search(text)
    if last:  # "..., but the fifth detonated above the city"
        one = last.group(1).lower() != "some"
        out.append(Mention(ref.name, ref.canonical, ref.category, ref.role, last.start(),
                           last.end(), 1 if one else None, last.group(1), one, "hit",
                           last.start()))
    return [w for w in out if w.quantity is not None or share]


def referring_figures(text: str, ref: Mention) -> list[Mention]:
    """'Russia launched 72 drones. Of these, 41 were shot down, while 27 were lost': figures in a
    sentence that names no weapon but refers back to the one named just before."""
    bare = _BARE_COUNT.match(text)
    if bare and not any(w.start < bare.end() for w in find_weapons(text)):
        return _bare_figures(text, bare, ref)
    lead = _OF_THEM_LEAD.match(text)
    if not lead:  # "Air defence destroyed 52 of them."
        lead = _COUNT_OF_THEM.search(text)
        if lead and (any(w.start < lead.start() for w in find_weapons(text)) or any(
                x.group(0).lower() not in ("a", "an")
                for x in _A_NUMBER.finditer(text[:lead.start()]))):
            return []  # "Two boats were destroyed, one of them by ...": the count is here
    if not lead or any(w.start < lead.end() for w in find_weapons(text)):
        return []
    anchor = Mention(ref.name, ref.canonical, ref.category, ref.role, 0, 0, ref.quantity,
                     ref.quantity_text, ref.singular, ref.outcome, 0)
    found = _pronoun_figures(text, [anchor])
    return _with_outcomes(text, found)


_NOT_A_LETTER = re.compile(r"[^A-Za-z]")


@lru_cache(maxsize=256)  # one per weapon noun ("boat", "drone"): a vocabulary, not the texts
def _head_noun_count(head: str) -> fastre.Pattern:
    rx = re.compile(rf"(?i)(?<![\w-])(?:(?P<hedge>{HEDGE})\s+)?(?P<num>{NUMBER})\s+"
                    rf"(?:(?:of\s+the\s+)?[a-z-]+\s+)?(?P<head>{head}s?)\b")
    return fastre.Pattern(rx, frozenset({head}))  # every match holds the head noun


def head_noun_figures(text: str, ref: Mention) -> list[Mention]:
    """'... repelled an attack by unmanned boats. Two boats were destroyed': the bare head noun
    of the weapon just named, with a count, is another figure of that weapon."""
    head = _NOT_A_LETTER.sub("", ref.name.split()[-1]).lower().rstrip("s")
    if len(head) < 4:
        return []
    out = []
    for m in _head_noun_count(head).finditer(text):
        qty = parse_number(m.group("num"))
        if qty is None or m.group("num").lower() in ("a", "an"):
            continue
        out.append(Mention(ref.name, ref.canonical, ref.category, ref.role, m.start("head"),
                           m.end("head"), qty, m.group("num"), qty == 1, None, m.start()))
    return _with_outcomes(text, out)


_LAUNCHED_FROM = re.compile(r"(?i)\s+(?:(?:launched|fired)\s+)?(?:from|of|by)\s+"
                            r"(?:an?\s+|the\s+)?"
                            r"(?:modified\s+|upgraded\s+|converted\s+|[\w-]+\s+)?")


def _fold_launch_platforms(text: str, found: list[Mention]) -> list[Mention]:
    """'a missile launched from a modified S-200 complex' is one S-200 missile, not two weapons."""
    out = []
    skip = set()
    for i, w in enumerate(found):
        if i in skip:
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        if (nxt and w.category == "other" and nxt.category != "other"
                and _LAUNCHED_FROM.fullmatch(text[w.end:nxt.start])):
            out.append(Mention(w.name + text[w.end:nxt.end], nxt.canonical, nxt.category,
                               "attacker", w.start, nxt.end, w.quantity, w.quantity_text,
                               w.singular, None, w.q_start))
            skip.add(i + 1)
            continue
        out.append(w)
    return out


# "tried to strike the city", "no facilities were hit": an attempt or a denial, no outcome
_UNREAL = fastre.compile(
    r"(?i)(?:\b(?:tried|tries|trying|attempted|attempting|attempts?|intended|sought|wanted)\s+to\s+"
    r"|\b(?:no|not|nothing|none|never|without)\b[^,.;:]{0,40}?\b(?:been|was|were|be|being)\s+"
    # "the majority of the missiles failed to hit their targets": a miss, not a hit
    r"|\b(?:failed|fails?|unable|did\s+not|didn't|could\s+not|couldn't)\s+(?:to\s+)?)$"
)


class _Triggers:
    """Outcome words of one text in the order the patterns find them (ties keep that order),
    with a position index, so a weapon looks only at the words near it: linear, not every
    weapon against every word of a long text."""

    def __init__(self, text: str):
        outcomes = _outcome_patterns()
        self.items = [(m, outcomes[k][1]) for k, m in _outcome_finder().finditer(text)
                      if not _UNREAL.search(text[max(0, m.start() - 60):m.start()])]
        self.by_start = sorted((m.start(), i) for i, (m, _) in enumerate(self.items))
        self.starts = [start for start, _ in self.by_start]
        self.longest = max((m.end() - m.start() for m, _ in self.items), default=0)

    def near(self, lo: int, hi: int) -> list:
        """Triggers starting in [lo, hi], in the patterns' order."""
        first, last = bisect_left(self.starts, lo), bisect_right(self.starts, hi)
        return [self.items[i] for i in sorted(i for _, i in self.by_start[first:last])]


@lru_cache(maxsize=8)
def _triggers(text: str) -> _Triggers:
    return _Triggers(text)


_LAUNCH_WORD = fastre.compile(
    r"(?i)(?:" + "|".join(load_table("lexicon.json")["launch_participles"]) + r")\b")


_PUNCTUATION_AFTER = re.compile(r"\s*[,;:.)]")


class _Weapons:
    """Weapon mentions ordered by start, to ask 'is another weapon named between a and b?'."""

    def __init__(self, mentions: list[Mention]):
        self.ordered = sorted(mentions, key=lambda o: o.start)
        self.starts = [o.start for o in self.ordered]

    def participle_of_another(self, w: Mention, m: re.Match) -> bool:
        """A launch word right after another weapon's name ("drones sent against ...")
        belongs to that weapon."""
        if not _LAUNCH_WORD.match(m.group(0)):
            return False
        index = bisect_left(self.starts, m.start())
        return any(o is not w and 0 <= m.start() - o.end <= 2
                   for o in self.ordered[max(0, index - 3):index])

    def object_of_another(self, w: Mention, m: re.Match) -> bool:
        """Another weapon figure right after a verb, nothing but a space between, is what the
        verb acts on ("shot down 35 of them"; not "40 drones launched, 35 were ...")."""
        if _PUNCTUATION_AFTER.match(m.string, m.end()):
            return False
        index = bisect_left(self.starts, m.end())
        return any(o is not w and 0 <= o.q_start - m.end() <= 2
                   for o in self.ordered[max(0, index - 2):index + 2])

    def between(self, w: Mention, a: int, b: int) -> bool:
        for o in self.ordered[bisect_left(self.starts, a):bisect_left(self.starts, b + 1)]:
            if o is not w and o.end <= b:
                return True
        return False


_AGE_OR_SHARE = re.compile(r"(?i)-year|per\s*cent|%")
_ATTACK_AFTER = re.compile(r"(?i)\s*(?:and\s+[\w-]+\s+)?(?:strikes|attacks|barrage|"
                           r"raids?|threat)\b")


def _counted_mention(text: str, e: dict, name: str, start: int,
                     end: int) -> tuple[Mention, Mention | None]:
    """The weapon with the count before it ('35 drones', 'a drone', 'several drones', 'the
    second drone'), and for 'N of M' also the M launched."""
    cut = max(0, start - 90)  # figures sit right before the weapon; a window keeps it linear
    before = text[cut:start]
    singular = not _is_plural(name)

    def mention(quantity: int | None, qtext: str | None, q_start: int) -> Mention:
        return Mention(name, e["canonical"], e["category"], e["role"], start, end, quantity,
                       qtext, singular, None, q_start)

    qm = _QTY.search(before)
    if qm and not _AGE_OR_SHARE.search(qm.group(0)):
        low = qm.group("num").lower()
        number = 2 if low == "both" else parse_number(qm.group("num"))
        if _EVERY_RE.fullmatch(low) and qm.group("total"):
            number = parse_number(qm.group("total"))
        if number is not None and not (low in ("a", "an") and not singular):
            qtext = " ".join(x for x in (qm.group("hedge"), qm.group("num")) if x)
            total = parse_number(qm.group("total")) if qm.group("total") else None
            launched = None
            if total is not None and total >= number:  # "22 of 33 drones": 33 launched
                launched = Mention(name, e["canonical"], e["category"], e["role"], start, end,
                                   total, qm.group("total"), False, "launched",
                                   cut + qm.start("total"))
            return mention(number, qtext, cut + qm.start()), launched
    return _uncounted_mention(text, e, before, cut, end, singular, mention), None


def _uncounted_mention(text: str, e: dict, before: str, cut: int, end: int, singular: bool,
                       mention) -> Mention:
    """No number before the weapon: an ordinal, a vague amount, or a singular article."""
    om = _ORDINAL.search(before)
    if om:
        return mention(None, om.group(1).lower(), cut + om.start())
    vm = _VAGUE_RE.search(before)
    if vm:
        return mention(None, vm.group("num"), cut + vm.start())
    dm = _SINGULAR_DET.search(before) if singular and e["category"] != "aircraft" else None
    # "a drone strike", "a glide bomb attack": one weapon, as SPEC section 5 reads a singular
    if dm and not _ATTACK_AFTER.match(text[end:]):
        return mention(1, dm.group(0).split()[0], cut + dm.start())
    return mention(None, None, cut + len(before))


def _with_outcomes(text: str, mentions: list[Mention]) -> list[Mention]:
    triggers, weapons = _triggers(text), _Weapons(mentions)
    return [_with_outcome(text, w, weapons, triggers) for w in mentions]


_REACH = 160  # how far from a weapon its outcome word may stand, in characters


_STRUCK_DOWN = fastre.compile(r"(?i)\b(?:were|was|been|being)\s+(?:also\s+|successfully\s+)?$")
_INTERCEPTED_AND_DESTROYED = fastre.compile(
    r"(?i)intercepted and destroyed|intercept\w* and destroy")


def _with_outcome(text: str, w: Mention, weapons: _Weapons, triggers: _Triggers) -> Mention:
    """The nearest outcome word in the same clause; 'and'/'while' start a new clause."""
    if w.outcome is not None:
        return w
    best = None
    for m, outcome in triggers.near(w.q_start - _REACH - triggers.longest, w.end + _REACH):
        dist = _distance(text, w, m, weapons)
        if dist is None:
            continue
        if dist == 0:  # "a downed drone": inside the figure itself
            if best is None or best[0] > 0 or outcome == "destroyed":
                best = (0, outcome, m)
        elif best is None or dist < best[0] or (dist == best[0] and outcome == "destroyed"):
            best = (dist, outcome, m)
    return replace(w, outcome=_read_outcome(text, w, best) if best else None)


def _read_outcome(text: str, w: Mention, best: tuple[int, str, re.Match]) -> str:
    """The nearest outcome word, read with what stands around it."""
    dist, outcome, m = best
    if outcome == "hit" and m.group(0).lower() in ("hit", "struck") and m.start() >= w.end \
            and _STRUCK_DOWN.search(text, 0, m.start()):
        return "destroyed"  # "two drones were also hit": what air defence did to them
    if outcome == "launched":
        return _main_verb_outcome(text, w) or _which_was(text, w) \
            or _launched_then(text, w) or outcome
    if outcome == "destroyed" and dist > 0 and _AGENT.match(text, w.end):
        return "hit"  # "a Shahed drone destroyed a stable": the drone did the destroying
    if outcome == "intercepted" and _INTERCEPTED_AND_DESTROYED.search(text):
        return "destroyed"
    return outcome


# "two missiles fired by the Houthis were shot down": the participle after the weapon says where
# it came from; the passive verb that follows is what happened to it (patterns/weapon_verbs.jsonl)
_PARTICIPLE = load_patterns("weapon_verbs.jsonl")["participle"]
_PASSIVE = fastre.compile(
    rf"(?i)\b(?:(?:were|was|had\s+been|have\s+been|has\s+been)\s+(?:\w+ly\s+)?)?"
    rf"(?:{_outcome_verbs()})\b")


_AGENT = load_patterns("weapon_verbs.jsonl")["agent"]  # "a Shahed drone destroyed a stable"
_CLAUSE_END = re.compile(r"[;.]|\band\b|\bwhile\b|\bbut\b")
_PARTITIVE = fastre.compile(r"(?i)\bof\s+(?:the\s+|those\s+|these\s+)?$")


def _passive_outcome(verb: re.Match | None) -> str | None:
    """The outcome a passive verb phrase states ("was shot down"), launched aside."""
    return None if verb is None else next(
        (o for rx, o in _outcome_patterns() if o != "launched" and rx.search(verb.group(0))), None)


def _which_was(text: str, w: Mention) -> str | None:
    """"launched a drone at Eilat, which the army said was shot down": what became of it."""
    m = _WHICH_WAS.match(text, w.end)
    return None if m is None else _passive_outcome(_PASSIVE.match(text, m.end()))


_LAUNCHED_THEN = load_patterns("weapon_verbs.jsonl")["launched_then"]


def _launched_then(text: str, w: Mention) -> str | None:
    """"a missile was launched from Yemen ... and was intercepted by Arrow": the second verb
    of the weapon's own sentence says what became of it."""
    m = _LAUNCHED_THEN.match(text, w.end)
    return None if m is None else _passive_outcome(_PASSIVE.match(text, m.end()))


def _main_verb_outcome(text: str, w: Mention) -> str | None:
    if not _PARTICIPLE.match(text, w.end) or _PARTITIVE.search(text, 0, w.q_start):
        return None  # "Of the 44 drones launched by Russia, 32 were destroyed": the part's verb
    clause = _CLAUSE_END.split(text[w.end:w.end + _REACH])[0]
    return _passive_outcome(_PASSIVE.search(clause))


_WHICH_WAS = fastre.compile(
    r"\s+(?:at|toward|towards|on)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?,\s+which\s+(?:[^,.;]{0,40}?\s)?"
    r"(?:was|were)\s+")
_CLAUSE_BREAK = re.compile(r";|\bwhile\b|\bplus\b|, which|\bafter\b|\bas\s+(?!well\b)[A-Z]")


def _distance(text: str, w: Mention, m: re.Match, weapons: _Weapons) -> int | None:
    """How far an outcome word stands from a weapon, with a penalty for a clause break or
    another weapon between them; None when out of reach or inside the weapon's name."""
    if w.start <= m.start() < w.end:
        return None
    if w.q_start <= m.start() and m.end() <= w.start:
        return 0
    if m.end() <= w.q_start:
        if weapons.participle_of_another(w, m):
            return None  # "337 drones sent against several regions, 91 of them ...": not 91's
        gap = text[m.end():w.q_start]
        dist = len(gap)
    elif m.start() >= w.end:
        gap = text[w.end:m.start()]
        dist = len(gap) + 5
    else:
        return None
    if dist > _REACH or (m.start() >= w.end and weapons.object_of_another(w, m)):
        return None  # "40 drones ..., and air defence shot down 35 of them": 35's verb
    if _CLAUSE_BREAK.search(gap):
        dist += 120
    if weapons.between(w, w.end, m.start()):
        dist += 60
    return dist if dist <= _REACH else None
