"""Who a report cites: titled officials ("Kursk Region Governor Roman Starovoit"), institutions
("Russia's Defense Ministry") and the channel they used ("on his Telegram channel")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import fastre
from .text import load_patterns, load_table


@dataclass(frozen=True)
class Source:
    name: str
    kind: str
    country: str | None
    channel: str | None
    start: int  # relative to the sentence
    end: int


_CAP = (r"(?:[A-Z][\w'’-]*(?:\.(?=\w))?|of|the|and|for|region|oblast|regional|governor|mayor|"
        r"head|spokesman|spokeswoman|spokesperson|chief|commander|deputy|acting|military|"
        r"administration|city|district|ministry)(?![\w'’-])")


@lru_cache(maxsize=1)
def _tables():
    lex = load_table("lexicon.json")
    titles = sorted(lex["person_titles"], key=len, reverse=True)
    title_re = fastre.compile(r"\b(?:" + fastre.literal_alternation(titles) + r")\b")
    inst = [(fastre.compile(rf"\b(?:{p})\b"), kind) for p, kind in lex["institutions"]]
    chan = fastre.compile(
        r"\b(?:" + fastre.literal_alternation(sorted(lex["channels"], key=len, reverse=True))
        + r")\b"
    )
    return titles, title_re, inst, chan, lex["channels"], load_table("regions.json")["demonyms"]


_RUN = fastre.compile(rf"(?:{_CAP})(?:[\s,]+(?:{_CAP}))*")
_NAME = fastre.compile(r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}$")
_STARTERS = fastre.compile(r"^(?:(?:According|As|The|Source|Quote|Details|In|On|A|An|But|And)\s+"
                       r"(?:to\s+)?)+")


_NOT_A_SPEAKER = fastre.compile(
    r"(?i)\s*(?:-?\s*)(?:base|bases|facilit\w+|airfields?|units?|personnel|equipment|assets|"
    r"operations?|vehicles?|targets?|positions?|depots?|aircraft|installations?|sites?|"
    r"infrastructure|and special|convoy|warehouse)\b"
)


_AGENT = load_patterns("sources.jsonl")["agent"]  # "an attack by the Ukrainian armed forces"


_OFFICIAL = re.compile(r"governor|mayor|\bhead\b|administration")
_FORCES = re.compile(r"ministry|military|air force|armed forces|general staff|spokes|command")
_MILITARY = re.compile(r"defen|military|air force|armed|staff|command")
_OFFICIAL_WORD = re.compile(r"governor|mayor|head|administration|official|authorit")
_GOVERNMENT = re.compile(r"president|prime minister|minister|kremlin|government")


def _kind(name: str) -> str:
    low = name.lower()
    if _OFFICIAL.search(low):
        return "official"
    if _FORCES.search(low):
        return "military" if _MILITARY.search(low) else "government"
    if _OFFICIAL_WORD.search(low):
        return "official"
    if _GOVERNMENT.search(low):
        return "government"
    return "other"


@lru_cache(maxsize=1)
def _demonym_patterns() -> list[tuple[str, re.Pattern, str]]:
    demonyms = load_table("regions.json")["demonyms"]
    return [(word, re.compile(rf"\b{re.escape(word)}"), code) for word, code in demonyms.items()]


def _country(name: str) -> str | None:
    """The first demonym of the table (in its order) the name holds."""
    for word, rx, code in _demonym_patterns():
        if word in name and rx.search(name):  # the pattern needs the word as written
            return code
    return None


def _titled(part: str, title_re: re.Pattern) -> str | None:
    """'Kursk Region Governor Roman Starovoit' -> itself: a title followed by a person's name."""
    matches = list(title_re.finditer(part))
    last = matches[-1] if matches else None
    if last is None:
        return None
    rest = part[last.end():]
    if _TITLE_THEN_NAME.fullmatch(rest):
        return part
    return None


_TITLE_THEN_NAME = re.compile(
    r"(?:\s+of\s+the\s+(?:region|city|oblast)|\s+of\s+(?:the\s+)?[A-Z][\w'’-]+"
    r"(?:\s+(?:region|oblast|Region|Oblast))?)?\s+[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}")
_THE = re.compile(r"^the\s+")
_GOVERNOR = fastre.compile(r"\b(?:the\s+)?(governor|mayor)(?:['’]s)?\b")
_PARTS = re.compile(r",|\band\b")


def find_sources(text: str) -> list[Source]:
    """Officials and institutions named in one sentence, each with the channel it mentions."""
    _t, title_re, inst, _chan_re, _channels, _demonyms = _tables()
    channel = _channel(text)
    out: list[Source] = []
    taken: list[tuple[int, int]] = []
    # runs of capitalised words matter only where a title may be; none in the text, none in a run
    runs = _RUN.finditer(text) if fastre.possible(title_re, text) else ()
    for m in runs:
        for name, pos in _titled_names(text, m, title_re):
            if any(not (pos + len(name) <= a or pos >= b) for a, b in taken):
                continue
            out.append(Source(name, _kind(name), _country(name), channel,
                              pos, pos + len(name)))
            taken.append((pos, pos + len(name)))
    for rx, kind in inst:
        for m in rx.finditer(text):
            if _institution_is_speaker(text, m, taken):
                name = _THE.sub("", m.group(0))
                out.append(Source(name, kind, _country(name), channel,
                                  m.end() - len(name), m.end()))
                taken.append((m.start(), m.end()))
    if not out:
        g = _GOVERNOR.search(text)
        if g:
            out.append(Source(g.group(1), "official", None, channel, g.start(1), g.end(1)))
    return sorted(out, key=lambda s: s.start)


def _channel(text: str) -> str | None:
    """Telegram, X, Max...: 'X' and 'Max' only where the text says they are a service."""
    _t, _title_re, _inst, chan_re, channels, _d = _tables()
    chan_m = chan_re.search(text)
    if not chan_m:
        return None
    if chan_m.group(0) == "X" and not re.search(r"\(X\)|on X\b", text):
        return None
    if chan_m.group(0) == "Max" and not re.search(
            r"(?i)(?:messag\w+|service|app|platform|channel)\W+Max|Max\s+(?:messenger|channel)",
            text):
        return None
    return channels[chan_m.group(0)]


def _titled_names(text: str, m: re.Match, title_re: re.Pattern) -> list[tuple[str, int]]:
    """People with a title in one run of words: 'Governor Vyacheslav Gladkov', 'Oleh
    Syniehubov, Head of the Kharkiv Regional Military Administration'."""
    run = m.group(0).rstrip(" ,")
    if not title_re.search(run):
        return []
    lead = _STARTERS.match(run)
    offset = m.start() + (lead.end() if lead else 0)
    run = run[lead.end():] if lead else run
    parts = [p.strip() for p in _PARTS.split(run) if p.strip()]
    found = []
    for i, part in enumerate(parts):
        name = _titled(part, title_re) or _name_and_title(parts, i, title_re)
        if name is None or len(name.split()) > 14:
            continue
        name = _THE.sub("", name)
        pos = text.find(name, offset)
        if pos >= 0:
            found.append((name, pos))
    return found


def _name_and_title(parts: list[str], i: int, title_re: re.Pattern) -> str | None:
    """A name and its title in two comma-separated parts, in either order."""
    if i + 1 >= len(parts):
        return None
    part, following = parts[i], parts[i + 1]
    if _NAME.fullmatch(part) and title_re.search(following) \
            and _titled(following, title_re) is None:
        return f"{part}, {following}"  # "Oleh Syniehubov, Head of ... Administration"
    if _NAME.fullmatch(following) and title_re.search(part) \
            and _titled(part, title_re) is None and re.search(r"\bof\b", part):
        return f"{part}, {following}"  # "the Governor of Sevastopol, Mikhail ..."
    return None


def _institution_is_speaker(text: str, m: re.Match, taken: list[tuple[int, int]]) -> bool:
    if any(not (m.end() <= a or m.start() >= b) for a, b in taken):
        return False
    if _NOT_A_SPEAKER.match(text[m.end():]):
        return False  # "a Russian military base": a target, not a source
    return not _AGENT.search(text[:m.start()])  # "an attack by the Ukrainian armed forces"
