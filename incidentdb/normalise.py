"""One normaliser for place names, shared by extraction, cross-report merging and evaluation,
so that what scoring treats as one place is also what the database merges as one place."""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

_DROP_WORDS = frozenset(
    """region regions oblast oblasts obl krai kray county district districts raion rayon city
    peninsula province republic autonomous governorate voivodeship municipality territory okrug
    the of""".split()
)

# Names that transliteration folding cannot bring together (different words, not spellings).
_ALIASES = {
    "orlov": "orel",
    "nikolaev": "mykolaiv",
    "nikolayev": "mykolaiv",
    "moskva": "moscow",
    "krym": "crimea",
    "dnepr": "dnipro",
    "kirovograd": "kropyvnytskyi",
    "kirovohrad": "kropyvnytskyi",
    "artemovsk": "bakhmut",
    "artemivsk": "bakhmut",
    "sebastopol": "sevastopol",
    "chornobyl": "chernobyl",
}



def fold_transliteration(word: str) -> str:
    """A spelling-blind key for one name: Kiev/Kyiv, Kharkov/Kharkiv, Lugansk/Luhansk agree.

    Russian and Ukrainian romanisations differ mostly in vowels (ie/iy/y, o/i), kh/h, g/h, zh/z
    and doubled letters, so every run of vowels becomes one placeholder and those consonant
    pairs are merged.
    """
    word = _ALIASES.get(word, word)
    word = word.replace("kh", "h").replace("zh", "z").replace("g", "h").replace("w", "v")
    word = re.sub(r"[aeiouy]+", "*", word)
    word = re.sub(r"(?<=\*)h$", "", word)  # Arabic names: Hodeidah/Hodeida, Jeddah/Jedda
    return re.sub(r"(.)\1+", r"\1", word)


@lru_cache(maxsize=4096)
def normalise_place(name: str | None) -> tuple[str, ...]:
    """Folded tokens of a place or region name without words like "region"; () when nothing."""
    if not name:
        return ()
    text = re.sub(r"['’ʼʹ`´ьъЬЪ]", "", name)  # apostrophes and soft/hard signs carry no letter
    text = anyascii(text).lower()  # "Łódź" -> "lodz", "Київ" -> "kiiv"
    tokens = [t for t in re.split(r"[^a-z0-9]+", text) if t and t not in _DROP_WORDS]
    if len(tokens) == 2 and tokens[0] in _ARABIC_ARTICLES:
        tokens = tokens[1:]  # "Al Daraja", "El-Fasher": the article is not part of the key
    return tuple(fold_transliteration(t) for t in tokens)


# the Arabic article as English spells it before a place name
_ARABIC_ARTICLES = frozenset({"al", "el", "ad", "adh", "an", "ar", "as", "ash", "at", "az"})



def place_key(name: str | None) -> str | None:
    """A string key for a place or region name: Kharkov and Kharkiv, "Kiev region" and "Kyiv
    Oblast" get the same key; None when nothing is left."""
    tokens = normalise_place(name)
    return " ".join(tokens) if tokens else None
