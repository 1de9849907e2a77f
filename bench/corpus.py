"""Invented reports of about 200 words for the benchmarks, made deterministically: each names
a region and a town, a number of drones, damage and casualties, and a few lines of context."""

from __future__ import annotations

import json
import random
from pathlib import Path

REGIONS = [
    ("Belgorod", "Belgorod region"), ("Kursk", "Kursk region"), ("Bryansk", "Bryansk region"),
    ("Voronezh", "Voronezh region"), ("Rostov-on-Don", "Rostov region"),
    ("Kharkiv", "Kharkiv Oblast"), ("Sumy", "Sumy Oblast"), ("Odesa", "Odesa Oblast"),
    ("Dnipro", "Dnipropetrovsk Oblast"), ("Zaporizhzhia", "Zaporizhzhia Oblast"),
    ("Chernihiv", "Chernihiv Oblast"), ("Poltava", "Poltava Oblast"),
]
WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"]
CONTEXT = [
    "Residents were urged to stay in shelters until the all-clear was given.",
    "Emergency crews worked through the morning to clear the debris from the street.",
    "Schools in the area switched to remote lessons for the rest of the week.",
    "Local authorities said power was restored to most homes by the afternoon.",
    "The regional administration promised compensation to the owners of damaged homes.",
    "Train services were delayed for several hours while engineers inspected the tracks.",
    "Volunteers handed out water and blankets at a temporary aid point near the market.",
    "Officials said the figures could change as the inspection of the area continued.",
    "A hotline was opened for families looking for relatives after the night's events.",
    "The city council held an emergency meeting to discuss repairs to public buildings.",
    "Several flights were cancelled at the nearest airport as a precaution.",
    "Police cordoned off the area and asked people not to film the damaged buildings.",
]


def write_reports(folder: Path, count: int, *, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        place, region = rng.choice(REGIONS)
        day = rng.randint(1, 28)
        lines = [
            f"Air defence forces shot down {rng.randint(2, 60)} drones over the {region} "
            f"overnight, the regional governor said on Telegram.",
            f"In {place}, debris damaged a warehouse and {rng.choice(WORDS)} people were "
            f"injured, officials said.",
            *rng.sample(CONTEXT, 11),
            f"This is report number {n} of the series.",
        ]
        path = folder / f"report_{n:06d}.txt"
        path.write_text(f"Drones downed over {region}\n\n{' '.join(lines)}\n")
        path.with_suffix(".meta.json").write_text(json.dumps({
            "outlet": rng.choice(["Wire One", "Daily Two", "Channel Three"]),
            "published": f"2025-03-{day:02d}",
        }))
