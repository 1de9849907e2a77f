"""A synthetic corpus for load tests: many distinct, plausible reports, made deterministically."""

from __future__ import annotations

import json
import random
from pathlib import Path

PLACES = [  # (place, region) pairs; facts, not any article's text
    ("Belgorod", "Belgorod region"), ("Kursk", "Kursk region"), ("Bryansk", "Bryansk region"),
    ("Voronezh", "Voronezh region"), ("Rostov-on-Don", "Rostov region"),
    ("Kharkiv", "Kharkiv Oblast"), ("Sumy", "Sumy Oblast"), ("Odesa", "Odesa Oblast"),
    ("Dnipro", "Dnipropetrovsk Oblast"), ("Zaporizhzhia", "Zaporizhzhia Oblast"),
]
WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"]


def write_corpus(folder: Path, count: int, *, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        place, region = rng.choice(PLACES)
        drones = rng.randint(2, 60)
        injured = rng.choice(WORDS)
        day = rng.randint(1, 28)
        body = (
            f"Air defence forces shot down {drones} drones over the {region} overnight, "
            f"the regional governor said on Telegram. In {place}, debris damaged a warehouse "
            f"and {injured} people were injured, officials said. Report number {n}.\n"
        )
        path = folder / f"report_{n:04d}.txt"
        path.write_text(f"Drones downed over {region}\n\n{body}")
        path.with_suffix(".meta.json").write_text(json.dumps({
            "outlet": rng.choice(["Wire One", "Daily Two", "Channel Three"]),
            "published": f"2025-03-{day:02d}",
        }))
        paths.append(path)
    return paths
