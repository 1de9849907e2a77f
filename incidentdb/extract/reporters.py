"""Who a report cites: titled officials ("Kursk Region Governor Roman Starovoit"), institutions
("Russia's Defense Ministry") and the channel they used ("on his Telegram channel")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .text import load_table


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
    title_re = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in titles) + r")\b")
    inst = [(re.compile(rf"\b(?:{p})\b"), kind) for p, kind in lex["institutions"]]
    chan = re.compile(
        r"\b(?:" + "|".join(re.escape(k) for k in sorted(lex["channels"], key=len, reverse=True))
        + r")\b"
    )
    return titles, title_re, inst, chan, lex["channels"], load_table("regions.json")["demonyms"]


_RUN = re.compile(rf"(?:{_CAP})(?:[\s,]+(?:{_CAP}))*")
_NAME = re.compile(r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}$")
_STARTERS = re.compile(r"^(?:(?:According|As|The|Source|Quote|Details|In|On|A|An|But|And)\s+"
                       r"(?:to\s+)?)+")


_NOT_A_SPEAKER = re.compile(
    r"(?i)\s*(?:-?\s*)(?:base|bases|facilit\w+|airfields?|units?|personnel|equipment|assets|"
    r"operations?|vehicles?|targets?|positions?|depots?|aircraft|installations?|sites?|"
    r"infrastructure|and special|convoy|warehouse)\b"
)


_AGENT = re.compile(
    r"(?i)\b(?:attacks?|strikes?|shelling|launched|fired|used|drones?|UAVs?|missiles?|destroyed|"
    r"intercepted|downed|shot\s+down)\s+(?:by|of|from)\s+(?:the\s+)?$"
)


def _kind(name: str) -> str:
    low = name.lower()
    if re.search(r"governor|mayor|\bhead\b|administration", low):
        return "official"
    if re.search(r"ministry|military|air force|armed forces|general staff|spokes|command", low):
        return "military" if re.search(r"defen|military|air force|armed|staff|command", low) \
            else "government"
    if re.search(r"governor|mayor|head|administration|official|authorit", low):
        return "official"
    if re.search(r"president|prime minister|minister|kremlin|government", low):
        return "government"
    return "other"


def _country(name: str, demonyms: dict) -> str | None:
    for word, code in demonyms.items():
        if re.search(rf"\b{re.escape(word)}", name):
            return code
    return None


def _titled(part: str, title_re: re.Pattern) -> str | None:
    """'Kursk Region Governor Roman Starovoit' -> itself: a title followed by a person's name."""
    matches = list(title_re.finditer(part))
    last = matches[-1] if matches else None
    if last is None:
        return None
    rest = part[last.end():]
    if re.fullmatch(r"(?:\s+of\s+the\s+(?:region|city|oblast)|\s+of\s+(?:the\s+)?[A-Z][\w'’-]+"
                    r"(?:\s+(?:region|oblast|Region|Oblast))?)?\s+[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}",
                    rest):
        return part
    return None


def find_sources(text: str) -> list[Source]:
    """Officials and institutions named in one sentence, each with the channel it mentions."""
    _t, title_re, inst, chan_re, channels, demonyms = _tables()
    chan_m = chan_re.search(text)
    channel = channels[chan_m.group(0)] if chan_m else None
    if chan_m and chan_m.group(0) == "X" and not re.search(r"\(X\)|on X\b", text):
        channel = None
    if chan_m and chan_m.group(0) == "Max" and not re.search(r"(?i)(?:messag\w+|service|app|"
                                                             r"platform|channel)\W+Max|Max\s+"
                                                             r"(?:messenger|channel)", text):
        channel = None
    out: list[Source] = []
    taken: list[tuple[int, int]] = []
    for m in _RUN.finditer(text):
        run = m.group(0).rstrip(" ,")
        if not title_re.search(run):
            continue
        lead = _STARTERS.match(run)
        offset = m.start() + (lead.end() if lead else 0)
        run = run[lead.end():] if lead else run
        parts = [p.strip() for p in re.split(r",|\band\b", run) if p.strip()]
        for i, part in enumerate(parts):
            name = _titled(part, title_re)
            if name is None and i + 1 < len(parts) and _NAME.fullmatch(part) \
                    and title_re.search(parts[i + 1]) and _titled(parts[i + 1], title_re) is None:
                name = f"{part}, {parts[i + 1]}"  # "Oleh Syniehubov, Head of ... Administration"
            if name is None and i + 1 < len(parts) and _NAME.fullmatch(parts[i + 1]) \
                    and title_re.search(part) and _titled(part, title_re) is None \
                    and re.search(r"\bof\b", part):
                name = f"{part}, {parts[i + 1]}"  # "the Governor of Sevastopol, Mikhail ..."
            if name is None or len(name.split()) > 14:
                continue
            name = re.sub(r"^the\s+", "", name)
            pos = text.find(name, offset)
            if pos < 0 or any(not (pos + len(name) <= a or pos >= b) for a, b in taken):
                continue
            out.append(Source(name, _kind(name), _country(name, demonyms), channel,
                              pos, pos + len(name)))
            taken.append((pos, pos + len(name)))
    for rx, kind in inst:
        for m in rx.finditer(text):
            if any(not (m.end() <= a or m.start() >= b) for a, b in taken):
                continue
            if _NOT_A_SPEAKER.match(text[m.end():]):
                continue  # "a Russian military base": a target, not a source
            if _AGENT.search(text[:m.start()]):
                continue  # "an attack by the Ukrainian armed forces": who attacked, not who said
            name = re.sub(r"^the\s+", "", m.group(0))
            start = m.end() - len(name)
            out.append(Source(name, kind, _country(name, demonyms), channel, start, m.end()))
            taken.append((m.start(), m.end()))
    if not out:
        g = re.search(r"\b(?:the\s+)?(governor|mayor)(?:['’]s)?\b", text)
        if g:
            out.append(Source(g.group(1), "official", None, channel, g.start(1), g.end(1)))
    return sorted(out, key=lambda s: s.start)
