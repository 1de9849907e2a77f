"""Compiled patterns that skip texts they cannot match, with the same results as ``re``.

Most rules look for words a sentence seldom holds ("fatally", "death toll", a weapon's name),
yet ``re`` tries a large case-insensitive alternation at every character. :func:`compile`
reads the pattern once and finds literal strings one of which every match must contain (for
``\\b(?:killed|dead)\\b`` that is "killed" or "dead"); a text holding none of them, lower-cased,
cannot match, so ``search`` and ``finditer`` return at once without running the pattern.

The required strings come from the parsed pattern, not from a hand-kept list, so a new wording
in a data file is covered as it stands. Lower-casing both sides is exact for ASCII strings:
the four characters that ``(?i)`` matches to an ASCII letter without lower-casing to it alone
(İ, ı, ſ and the Kelvin sign) make a text skip the test and run the pattern.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from re import _constants as C  # noqa: N812 - the parser's op codes
from re import _parser

__all__ = ["Pattern", "compile", "required"]

_MAX_STRINGS = 160  # a larger set of alternatives costs more to test than the pattern saves
_MIN_LENGTH = 3  # shorter strings are in nearly every sentence
_RARE = frozenset("()[]/%")  # ... unless they are characters few sentences hold
# characters (?i) matches to an ASCII letter while str.lower() does not turn them into it
_UNSAFE = re.compile("[\u0130\u0131\u017f\u212a]")

Strings = frozenset[str]


class _Node:
    """What one parsed item can match: ``exact`` is every string it matches (when finite and
    small), ``req`` a set of strings one of which is in every match (None: no such set)."""

    __slots__ = ("exact", "req")

    def __init__(self, exact: Strings | None, req: Strings | None):
        self.exact, self.req = exact, req


_EMPTY = _Node(frozenset({""}), None)
_UNKNOWN = _Node(None, None)


def _better(a: Strings | None, b: Strings | None) -> Strings | None:
    """The more selective requirement: longer shortest string, then fewer strings."""
    if a is None or b is None:
        return a if b is None else b
    return a if _quality(a) >= _quality(b) else b


def _quality(strings: Strings) -> tuple[int, int, int]:
    """Five characters are as good as more ("since " before twelve month names is one test,
    not twelve); below that, longer is better."""
    shortest = min(map(len, strings))
    return min(shortest, 5), -len(strings), shortest


def _useful(strings: Strings | None) -> Strings | None:
    if not strings or len(strings) > _MAX_STRINGS or "" in strings:
        return None
    return strings


def _minimal(strings: Strings) -> Strings:
    """"destruction of" holds "destruction": the shorter string alone says as much."""
    return frozenset(s for s in strings if not any(t != s and t in s for t in strings))


def _product(a: Strings, b: Strings) -> Strings | None:
    if len(a) * len(b) > _MAX_STRINGS:
        return None
    return frozenset(x + y for x in a for y in b)


def _sequence(items) -> _Node:
    """Items one after another: runs of exactly known items join into longer strings."""
    best: Strings | None = None
    run: Strings = frozenset({""})
    exact: Strings | None = frozenset({""})
    for op, av in _merged(items):
        node = _item(op, av)
        best = _better(best, _useful(node.req))
        if node.exact is None:
            best, run, exact = _better(best, _useful(run)), frozenset({""}), None
            continue
        best = _better(best, _useful(run))  # "since " may beat "since " + twelve months
        longer = _product(run, node.exact)
        run = node.exact if longer is None else longer  # too many: a new run starts here
        exact = _product(exact, node.exact) if exact is not None else None
    return _Node(exact, _better(best, _useful(run)))


_STRING = object()  # consecutive plain characters, read as one item


def _merged(items):
    chars: list[str] = []
    for op, av in items:
        if op is C.LITERAL and (av < 128 or chr(av).lower() == chr(av).upper() == chr(av)):
            chars.append(chr(av).lower())
            continue
        if chars:
            yield _STRING, "".join(chars)
            chars = []
        yield op, av
    if chars:
        yield _STRING, "".join(chars)


def _literal(code: int) -> _Node:
    char = chr(code)
    if code < 128 or char.lower() == char.upper() == char:
        return _Node(frozenset({char.lower()}), None)
    return _UNKNOWN  # a cased non-ASCII letter: its case variants are not worth the trouble


def _charset(av) -> _Node:
    chars: set[str] = set()
    for op, arg in av:
        if op is C.LITERAL and _literal(arg).exact is not None:
            chars.add(chr(arg).lower())
        elif op is C.RANGE and arg[1] - arg[0] < 8 and arg[1] < 128:
            chars.update(chr(c).lower() for c in range(arg[0], arg[1] + 1))
        else:  # a negation, a category (\w, \d) or a wide range
            return _UNKNOWN
    return _Node(frozenset(chars), None) if len(chars) <= 8 else _UNKNOWN


def _branch(alternatives) -> _Node:
    nodes = [_sequence(alt) for alt in alternatives]
    exact: Strings | None = None
    if all(n.exact is not None for n in nodes):
        exact = frozenset().union(*(n.exact for n in nodes))  # type: ignore[arg-type]
        exact = exact if len(exact) <= _MAX_STRINGS else None
    reqs = [_better(_useful(n.req), _useful(n.exact)) for n in nodes]
    req = None if any(r is None for r in reqs) else frozenset().union(*reqs)  # type: ignore[arg-type]
    return _Node(exact, req)


def _repeat(low: int, high: int, sub) -> _Node:
    node = _sequence(sub)
    if low == 0:
        if high == 1 and node.exact is not None:
            return _Node(node.exact | {""}, None)
        return _UNKNOWN
    req = _better(_useful(node.req), _useful(node.exact))
    if low == high == 1:
        return _Node(node.exact, req)
    return _Node(None, req)


def _item(op, av) -> _Node:
    if op is _STRING:
        return _Node(frozenset({av}), None)
    if op is C.LITERAL:
        return _literal(av)
    if op is C.ASSERT:  # zero width, but what a look-around sees is in the text too
        seen = _sequence(av[1])
        return _Node(frozenset({""}), _better(_useful(seen.req), _useful(seen.exact)))
    if op in (C.AT, C.ASSERT_NOT):
        return _EMPTY  # zero width: the characters on either side stay next to each other
    if op is C.IN:
        return _charset(av)
    if op is C.BRANCH:
        return _branch(av[1])
    if op is C.SUBPATTERN:
        return _sequence(av[3])
    if op is C.ATOMIC_GROUP:
        return _sequence(av)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        return _repeat(*av)
    return _UNKNOWN  # any character, a class, a back reference, a conditional


def required(pattern: str, flags: int = 0) -> Strings | None:
    """Lower-case strings one of which every match of the pattern contains, or None when the
    pattern has no such small set of strings of at least three characters."""
    node = _sequence(_parser.parse(pattern, flags))
    req = _useful(_better(_useful(node.req), _useful(node.exact)))
    if req is None or not all(len(s) >= _MIN_LENGTH or _RARE.issuperset(s) for s in req):
        return None
    return _minimal(req)


def _safe(text: str) -> bool:
    """No character that lower-cases unlike ``(?i)``; ``isascii`` is a flag read, so the
    search runs only on the rare text with other characters."""
    return text.isascii() or not _UNSAFE.search(text)


_lowered: tuple[str, str | None] = ("", "")


def _lower(text: str) -> str | None:
    """The text lower-cased, or None when lower-casing could hide a match; the last text is
    kept, as the rules of one sentence run on the same string one after another."""
    global _lowered
    last = _lowered
    if last[0] is text:
        return last[1]
    low = text.lower() if _safe(text) else None
    _lowered = (text, low)
    return low


# ------------------------------------------------------------------ one sentence, every rule

_MAX_REGISTERED = 4096  # patterns given a bit in the shared scan; later ones test on their own
_registered: dict[str, int] = {}  # every required string, with the bits of its patterns
_count = 0  # patterns registered
_shared: tuple[int, _Scan | None] = (0, None)  # the scan, and how many patterns it covers
_known: tuple[str | None, str | None, int] = (None, None, 0)
_seen = 0  # patterns registered at the last prepare()


def _register(needles: tuple[str, ...]) -> int:
    """A bit for a new pattern's required strings in the shared scan (0: none left)."""
    global _count
    if _count >= _MAX_REGISTERED:
        return 0
    bit = 1 << _count
    _count += 1
    for needle in needles:
        _registered[needle] = _registered.get(needle, 0) | bit
    return bit


def prepare(text: str) -> None:
    """Find the required strings of every pattern in a sentence in one scan, before its
    rules run: each pattern then reads its bit instead of testing its strings one by one.
    The same answers: a pattern registered after the scan was built always runs."""
    global _known, _shared, _seen
    covered, scan = _shared
    if covered != _count == _seen:  # rebuilt once the lazily compiled tables have settled
        covered, scan = _count, _Scan(dict(_registered))
        _shared = (covered, scan)
    _seen = _count
    low = _lower(text)
    if low is not None and scan is not None:
        _known = (text, low, scan.mask(low, 0) | -(1 << covered))


# --------------------------------------------------------------------------- pruned alternations

_LEADING_FLAGS = re.compile(r"(?:\(\?[aiLmsux]+\))*")
# more strings than this cost more to look for than running the whole alternation costs
# (a case-sensitive alternation of names is quick to reject: re tests each first letter)
_MAX_CHECKS = 160
_MAX_VARIANTS = 256  # compiled variants kept per pattern; past that the whole pattern runs


def _class_end(pattern: str, i: int) -> int:
    """Index after the character class that opens at ``i``."""
    j = i + 1
    if pattern.startswith("^", j):
        j += 1
    if pattern.startswith("]", j):
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _group_body(pattern: str, i: int) -> int | None:
    """Where the group opening at ``i`` starts its content; None for a construct the scanner
    does not follow (a conditional, a back reference, inline flags mid-pattern)."""
    if not pattern.startswith("?", i + 1):
        return i + 1
    head = pattern[i + 2:i + 4]
    if head.startswith("P<"):
        return pattern.index(">", i) + 1
    if head[:1] in (":", "=", "!", ">") or head in ("<=", "<!"):
        return i + 2 + (2 if head[0] == "<" else 1)
    flags = re.match(r"[aiLmsux]*(?:-[imsx]+)?:", pattern[i + 2:])
    return i + 2 + flags.end() if flags else None


def _alternations(pattern: str, start: int) -> list[tuple[int, int, list[int], int]] | None:
    """Every group's content span, the ``|`` at its own level, and its depth (the pattern
    itself is depth 0); None when the pattern holds something the scanner does not follow."""
    stack: list[tuple[int, list[int]]] = [(start, [])]
    out = []
    i = start
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
        elif c == "[":
            i = _class_end(pattern, i)
        elif c == "(":
            body = _group_body(pattern, i)
            if body is None:
                return None
            stack.append((body, []))
            i = body
        elif c == ")":
            a, bars = stack.pop()
            out.append((a, i, bars, len(stack)))
            i += 1
        else:
            if c == "|":
                stack[-1][1].append(i)
            i += 1
    a, bars = stack.pop()
    return [*out, (a, len(pattern), bars, 0)]


def _stub(source: str, flags: int) -> str | None:
    """What stands for an alternative the text cannot match: nothing, or when it holds
    groups, the same groups left empty (behind ``(?!)``), so groups keep their numbers."""
    try:
        state = _parser.parse(source, flags).state
    except re.error:  # it does not parse alone (a back reference): kept whole, never tried
        return f"(?:{source})"
    if state.groups == 1:
        return None
    names = {number: name for name, number in state.groupdict.items()}
    return "".join(f"(?P<{names[k]}>)" if k in names else "()" for k in range(1, state.groups))


class _Pruner:
    """The pattern's widest alternation, with each alternative's required strings: a text
    that holds none of an alternative's strings runs a variant of the pattern without that
    alternative (or with it behind ``(?!)`` when it holds a group, so groups keep their
    numbers). Same matches: an alternative that cannot match anywhere adds nothing."""

    def __init__(self, pattern: str, flags: int, span: tuple[int, int], bars: list[int]):
        self.pattern, self.flags, self.span = pattern, flags, span
        bounds = [span[0], *(b + 1 for b in bars), span[1] + 1]
        self.alts = [pattern[a:b - 1] for a, b in zip(bounds, bounds[1:], strict=False)]
        prefix = _LEADING_FLAGS.match(pattern).group(0)  # type: ignore[union-attr]
        self.needles = [_alt_needles(prefix + alt, flags) for alt in self.alts]
        self.stubs = [_stub(alt, flags) for alt in self.alts]
        self.full = (1 << len(self.alts)) - 1
        self.always = sum(1 << k for k, n in enumerate(self.needles) if n is None)
        by_needle: dict[str, int] = {}
        for k, needles in enumerate(self.needles):
            for needle in needles or ():
                by_needle[needle] = by_needle.get(needle, 0) | 1 << k
        self.checks = tuple(sorted(by_needle.items()))  # each string once, with its alternatives
        self.scan = _Scan.of(by_needle)
        self.variants: dict[int, re.Pattern | None] = {}

    def mask(self, low: str) -> int:
        """A bit for each alternative the text may match."""
        scan = self.scan
        if scan is not None:
            return scan.mask(low, self.always)
        bits = self.always
        for needle, alts in self.checks:
            if needle in low:
                bits |= alts
        return bits

    def pick(self, low: str, whole: re.Pattern) -> re.Pattern:
        """The compiled pattern for a text (lower-cased): a variant or the whole."""
        return self.variant(self.mask(low), whole)

    def variant(self, bits: int, whole: re.Pattern) -> re.Pattern:
        """The pattern with the alternatives outside ``bits`` taken out (compiled once)."""
        if bits == self.full:
            return whole
        rx = self.variants.get(bits)
        if rx is None and bits not in self.variants:
            if len(self.variants) >= _MAX_VARIANTS:
                return whole
            rx = self._compile(bits, whole)
            self.variants[bits] = rx
        return whole if rx is None else rx

    def _compile(self, bits: int, whole: re.Pattern) -> re.Pattern | None:
        kept: list[str] = []
        stubs = False  # the last alternative kept is a run of stubs: one (?!) serves them all
        for k, (alt, stub) in enumerate(zip(self.alts, self.stubs, strict=True)):
            if bits >> k & 1:
                kept.append(alt)
                stubs = False
            elif stub is not None and stubs:
                kept[-1] += stub
            elif stub is not None:
                kept.append("(?!)" + stub)
                stubs = True
        a, b = self.span
        rx = re.compile(self.pattern[:a] + ("|".join(kept) or "(?!)") + self.pattern[b:],
                        self.flags)
        # a variant must number its groups as the pattern does, or the pattern itself runs
        same = rx.groups == whole.groups and rx.groupindex == whole.groupindex
        return rx if same else None


_SCAN_FROM = 40  # more strings than this are found faster by one scan than by one test each


class _Scan:
    """Which of many strings a text holds, in one pass of ``re`` over it instead of one
    ``in`` test per string: at each position the longest string found there is matched
    (a trie alternation, longest first), and it stands for every string it starts with.
    The same bits as the tests: a string at a position is a prefix of the longest there."""

    __slots__ = ("rx", "bits")

    def __init__(self, by_needle: dict[str, int]):
        needles = sorted(by_needle, key=len, reverse=True)
        self.rx = re.compile(f"(?=({literal_alternation(needles, 3)}))")
        self.bits = {n: _prefix_bits(n, by_needle) for n in needles}

    @staticmethod
    def of(by_needle: dict[str, int]) -> _Scan | None:
        """A scan when there are enough strings for it to pay."""
        return _Scan(by_needle) if len(by_needle) > _SCAN_FROM else None

    def mask(self, low: str, bits: int) -> int:
        """``bits`` with those of every string the lower-cased text holds."""
        found = self.bits
        for m in self.rx.finditer(low):
            bits |= found[m.group(1)]
        return bits


def _prefix_bits(needle: str, by_needle: dict[str, int]) -> int:
    """The bits of every string the needle starts with (itself included)."""
    bits = 0
    for other, other_bits in by_needle.items():
        if needle.startswith(other):
            bits |= other_bits
    return bits


def _alt_needles(source: str, flags: int) -> tuple[str, ...] | None:
    """The required strings of one alternative, None when it has none (or does not parse on
    its own: a back reference to a group outside it)."""
    try:
        needles = required(source, flags)
    except re.error:  # not an error of the pattern: the alternative is simply always tried
        return None
    return tuple(sorted(needles)) if needles else None


# what may stand before an alternation that is tried at every position: zero-width tests
# and the openings of the groups around it
_LEAD_IN = re.compile(r"(?:\\b|\(\?<?[=!][^()]*\)|\(\?:|\(\?P<\w+>|\(\?[aiLmsux-]*:|\()*")


def _before(head: str, lead: int, a: int, groups: list[tuple[int, int, list[int], int]]) -> str:
    """What a match must pass before the group at ``a``: the pattern before it, less the
    alternatives before its own in each group around it (``x|\\b(?:a|b)``: ``\\b(?:``)."""
    cuts = sorted((x, max(bar for bar in bars if bar < a) + 1)
                  for x, y, bars, _ in groups if x <= a <= y and any(bar < a for bar in bars))
    kept, at = [], lead
    for x, after_bar in cuts:
        kept.append(head[at:max(x, at)])
        at = max(at, after_bar)
    return "".join(kept) + head[at:]


def _worth_pruning(pattern: str, flags: int, group: tuple[int, int, list[int], int],
                   groups: list[tuple[int, int, list[int], int]]) -> bool:
    """An alternation re tries at nearly every position (nothing but zero-width tests before
    it, in no optional group) whose alternatives re cannot reject by a first letter."""
    a, b, _bars, _depth = group
    lead = _LEADING_FLAGS.match(pattern).end()  # type: ignore[union-attr]
    if not _LEAD_IN.fullmatch(_before(pattern[:a], lead, a, groups)):
        return False
    if any(x <= a and b <= y and pattern[y + 1:y + 2] in ("?", "*", "{")
           for x, y, _, _ in groups if y < len(pattern)):
        return False  # an optional group: the pattern fails elsewhere as often as not
    if flags & re.IGNORECASE or "i" in pattern[:lead]:
        return True
    alts = _parser.parse(pattern[a:b], flags)
    items = alts[0][1][1] if len(alts) == 1 and alts[0][0] is C.BRANCH else []
    return not all(alt and alt[0][0] is C.LITERAL for alt in items)


def _pruner(pattern: str, flags: int) -> _Pruner | None:
    """The shallowest alternation worth pruning, of three or more alternatives two of which
    have required strings; None when there is none or the pattern is verbose."""
    lead = _LEADING_FLAGS.match(pattern).group(0)  # type: ignore[union-attr]
    if flags & re.VERBOSE or "x" in lead:
        return None
    groups = _alternations(pattern, len(lead)) or []
    candidates = sorted((g[3], -len(g[2]), g) for g in groups if len(g[2]) >= 2)
    for _depth, _n, group in candidates:
        if not _worth_pruning(pattern, flags, group, groups):
            continue
        pruner = _Pruner(pattern, flags, group[:2], group[2])
        if sum(n is not None for n in pruner.needles) >= 2 and len(pruner.checks) <= _MAX_CHECKS:
            return pruner
    return None


class Pattern:
    """A compiled pattern with a test for its required strings before ``search``,
    ``finditer`` and ``findall``; everything else is the pattern's own."""

    __slots__ = ("rx", "needles", "pruner", "bit", "match", "fullmatch", "split")

    def __init__(self, rx: re.Pattern, needles: Strings, pruner: _Pruner | None = None,
                 shared: bool = False):
        self.rx, self.needles, self.pruner = rx, tuple(sorted(needles)), pruner
        # compile()'s patterns are a fixed set: they join the shared scan (prepare())
        self.bit = _register(self.needles) if shared else 0
        # anchored or whole-text calls have no test: the pattern's own methods, no wrapper
        self.match, self.fullmatch, self.split = rx.match, rx.fullmatch, rx.split

    def __getattr__(self, name: str):  # pattern, groups, groupindex, flags
        return getattr(self.rx, name)

    def possible(self, text: str) -> bool:
        """False when the text holds none of the required strings: no match is possible."""
        last = _lowered
        low = last[1] if last[0] is text else _lower(text)
        if low is None:
            return True
        for needle in self.needles:  # a plain loop: any() over a generator costs twice this
            if needle in low:
                return True
        return False

    def for_text(self, text: str) -> re.Pattern | None:
        """What to run on the text: None when it cannot match there, else the pattern or its
        variant without the alternatives the text cannot match."""
        known = _known  # the sentence prepare() scanned: its bit says
        if known[0] is text and self.bit:
            if not known[2] & self.bit:
                return None
            return self.rx if self.pruner is None else self.pruner.pick(known[1], self.rx)
        last = _lowered
        low = last[1] if last[0] is text else _lower(text)
        if low is None:
            return self.rx
        for needle in self.needles:
            if needle in low:
                break
        else:
            return None
        return self.rx if self.pruner is None else self.pruner.pick(low, self.rx)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        rx = self.for_text(text)
        return None if rx is None else rx.search(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match]:
        rx = self.for_text(text)
        return iter(()) if rx is None else rx.finditer(text, pos, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list:
        rx = self.for_text(text)
        return [] if rx is None else rx.findall(text, pos, endpos)

    def sub(self, repl, text: str, count: int = 0) -> str:
        rx = self.for_text(text)
        return text if rx is None else rx.sub(repl, text, count)


def max_width(pattern: str, flags: int = 0) -> int:
    """The most characters a match of the pattern can span (look-arounds take none)."""
    return min(_parser.parse(pattern, flags).getwidth()[1], sys.maxsize)


def possible(rx: Pattern | re.Pattern, text: str) -> bool:
    """False when the pattern cannot match anywhere in the text (nor in a part of it)."""
    return not isinstance(rx, Pattern) or rx.possible(text)


def compile(pattern: str, flags: int = 0) -> Pattern | re.Pattern:  # noqa: A001 - re's name
    """``re.compile``, with the required-strings test when the pattern has one."""
    rx = re.compile(pattern, flags)
    needles = required(pattern, flags)
    return Pattern(rx, needles, _pruner(pattern, flags), shared=True) if needles else rx


# --------------------------------------------------------------------------- pattern lists


class Each:
    """Patterns run one after another on a text (a list of outcome words): the required
    strings of all of them are looked for in one loop, and only the patterns the text can
    match are run, in their order; the same matches as each pattern's ``finditer`` in turn."""

    def __init__(self, patterns: list[Pattern | re.Pattern]):
        self.patterns = patterns
        self.always = 0
        by_needle: dict[str, int] = {}
        for k, rx in enumerate(patterns):
            for needle in rx.needles if isinstance(rx, Pattern) else ():
                by_needle[needle] = by_needle.get(needle, 0) | 1 << k
            if not isinstance(rx, Pattern):
                self.always |= 1 << k
        self.checks = tuple(by_needle.items())
        self.scan = _Scan.of(by_needle)

    def finditer(self, text: str) -> Iterator[tuple[int, re.Match]]:
        """(index of the pattern, match), pattern by pattern."""
        last = _lowered
        low = last[1] if last[0] is text else _lower(text)
        bits = (1 << len(self.patterns)) - 1 if low is None else self._mask(low)
        while bits:
            k = (bits & -bits).bit_length() - 1
            bits &= bits - 1
            rx = self.patterns[k]
            for m in (rx.rx if low is not None and isinstance(rx, Pattern) and rx.pruner is None
                      else rx).finditer(text):
                yield k, m

    def _mask(self, low: str) -> int:
        if self.scan is not None:
            return self.scan.mask(low, self.always)
        bits = self.always
        for needle, patterns in self.checks:
            if needle in low:
                bits |= patterns
        return bits


# --------------------------------------------------------------------------- literal alternations


def literal_alternation(words: list[str], depth: int = 2) -> str:
    """``w1|w2|...`` of the escaped words for a case-sensitive pattern, the words that share a
    first character grouped behind it (``K(?:ursk|harkiv)``). The same matches in the same
    order of trial: at a position only the words starting with its character can match, and
    they keep their order; but re tests that character once per group, not once per word."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[:1], []).append(word[1:])
    parts = []
    for first, rests in groups.items():
        if len(rests) == 1 or depth <= 1 or not first:
            parts += [re.escape(first + rest) for rest in rests]
        else:
            parts.append(f"{re.escape(first)}(?:{literal_alternation(rests, depth - 1)})")
    return "|".join(parts)


# --------------------------------------------------------------------------- first characters


def _first_of_sequence(items) -> tuple[set[str] | None, bool]:
    """Lower-cased characters a match of the items can start with (None: any), and whether
    the items can match the empty string."""
    chars: set[str] = set()
    for op, av in items:
        first, empty = _first_of_item(op, av)
        if first is None:
            return None, False
        chars |= first
        if not empty:
            return chars, False
    return chars, True


def _first_of_class(av) -> set[str] | None:
    chars: set[str] = set()
    for op, arg in av:
        if op is C.LITERAL and arg < 128:
            chars.add(chr(arg).lower())
        elif op is C.RANGE and arg[1] < 128:
            chars.update(chr(c).lower() for c in range(arg[0], arg[1] + 1))
        else:
            return None
    return chars


def _first_of_item(op, av) -> tuple[set[str] | None, bool]:
    if op is C.LITERAL:
        exact = _literal(av).exact
        return (set(exact) if exact is not None else None), False
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return set(), True
    if op is C.IN:
        return _first_of_class(av), False
    if op is C.BRANCH:
        firsts = [_first_of_sequence(alt) for alt in av[1]]
        if any(f is None for f, _ in firsts):
            return None, False
        return set().union(*(f for f, _ in firsts)), any(e for _, e in firsts)
    if op is C.SUBPATTERN:
        return _first_of_sequence(av[3])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        first, empty = _first_of_sequence(av[2])
        return first, empty or av[0] == 0
    return None, False


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-cased characters every match of the pattern starts with; None when a match may
    start with any character or be empty."""
    first, empty = _first_of_sequence(_parser.parse(pattern, flags))
    return None if first is None or empty else frozenset(first)


class Alternatives:
    """``before(?:alt0|alt1|...)after``, searched by the first character: where a text has a
    character some alternatives start with, only those are tried, in their order. The same
    matches as the whole alternation's ``finditer`` (which tries every alternative at every
    position); a text with a character that lower-cases unlike ``(?i)`` falls back to it.
    Before that, the alternatives whose required strings the text holds are run as one pruned
    alternation, when a variant for that set is compiled or can still be."""

    def __init__(self, alternatives: list[str], before: str = "", after: str = ""):
        self.rx = re.compile(f"{before}(?:{'|'.join(alternatives)}){after}")
        bars, at = [], len(before) + 3
        for alt in alternatives[:-1]:
            at += len(alt)
            bars.append(at)
            at += 1
        self.pruner = _Pruner(self.rx.pattern, 0, (len(before) + 3, at + len(alternatives[-1])),
                              bars)
        firsts = [first_chars(a) for a in alternatives]
        self.buckets: dict[str, Pattern | re.Pattern] | None = None
        if any(f is None for f in firsts):
            return  # an alternative may start anywhere: the whole alternation it is
        chars = sorted(set().union(*firsts))  # type: ignore[arg-type]
        self.buckets = {}
        for c in chars:
            starting = [a for a, first in zip(alternatives, firsts, strict=True) if c in first]
            # a letter none of whose aliases the text can hold is not tried at all
            self.buckets[c] = compile(f"{before}(?:{'|'.join(starting)}){after}")
        self.starts = re.compile(f"(?i){before}[{''.join(re.escape(c) for c in chars)}]")

    def finditer(self, text: str) -> Iterator[re.Match]:
        last = _lowered
        low = last[1] if last[0] is text else _lower(text)
        if self.buckets is None or low is None:
            yield from self.rx.finditer(text)
            return
        pruned = self.pruner.variant(self.pruner.mask(low), self.rx)
        if pruned is not self.rx:
            yield from pruned.finditer(text)
            return
        pos = 0
        tried: dict[str, Pattern | re.Pattern | None] = {}  # the buckets this text can match
        for start in self.starts.finditer(text):
            p = start.start()
            if p < pos:
                continue
            c = text[p].lower()
            bucket = tried[c] if c in tried else tried.setdefault(c, self._bucket(c, text))
            m = bucket.match(text, p) if bucket is not None else None
            if m is not None:
                yield m
                pos = m.end()

    def _bucket(self, c: str, text: str) -> Pattern | re.Pattern | None:
        bucket = self.buckets.get(c) if self.buckets is not None else None
        return bucket if bucket is not None and possible(bucket, text) else None
