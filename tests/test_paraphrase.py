"""The same fact in many wordings must give the same record: the paraphrase suite.

`tests/paraphrase/suite.jsonl` holds facts written by someone who did not read the rules, each
in at least five wordings (voice, "N of M" and "N out of M", number words, clause order, hedges,
titles before and after names). A wording passes when extraction gives exactly one incident
whose kind, date, place, attacker weapons and casualties are the fact's. The pass rate is pinned
so it can only rise; issue 10 asks for 95%. Pure: no database.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

from incidentdb.document import Document
from incidentdb.evaluate import names_match
from incidentdb.extract import extract

SUITE = Path(__file__).parent / "paraphrase" / "suite.jsonl"
# 241 of 246 on 2026-11-29 (235 earlier that day; 178 of 231, 77%, when the suite arrived);
FLOOR = 0.987  # raise it as more wordings pass (243 of 246 on 2026-11-30: 0.9878)
FAMILY = {"cruise_missile": "missile", "ballistic_missile": "missile", "sam_system": "missile"}
DOWN = {"destroyed": "down", "intercepted": "down"}


def facts() -> list[dict]:
    return [json.loads(line) for line in SUITE.read_text().splitlines() if line.strip()]


def _weapons(entries: list[dict]) -> Counter:
    return Counter(
        (FAMILY.get(w["category"], w["category"]), w["quantity"], DOWN.get(w["outcome"],
                                                                         w["outcome"]))
        for w in entries
        if w.get("role", "attacker") == "attacker"
        and not (w["category"] == "sam_system" and w["outcome"] is None)  # a named defender
    )


def _location_agrees(expected: dict, got: dict) -> bool:
    want = [expected[k] for k in ("place", "admin1") if expected[k]]
    have = [got[k] for k in ("place", "admin1") if got[k]]
    if expected["country"] and got["country"] and expected["country"] != got["country"]:
        return False
    if not want:
        return not got["place"]
    return any(names_match(a, b) for a in want for b in have)


def differences(expected: dict, records: list[dict]) -> list[str]:
    """What a wording got wrong; empty when it gives the fact's record."""
    if len(records) != 1:
        return [f"{len(records)} incidents"]
    got = records[0]
    wrong = [key for key in ("kind", "date", "killed", "injured", "children_killed",
                             "children_injured") if expected[key] != got[key]]
    if not _location_agrees(expected, got):
        wrong.append(f"location {got['place']}/{got['admin1']}/{got['country']}")
    if _weapons(expected["weapons"]) != _weapons(got["weapons"]):
        wrong.append(f"weapons {sorted(_weapons(got['weapons']).elements())}")
    return wrong


def run_suite() -> tuple[int, int, list[str]]:
    passed, total, failures = 0, 0, []
    for fact in facts():
        published = date.fromisoformat(fact["published"]) if fact["published"] else None
        for wording in fact["wordings"]:
            total += 1
            records = [i.record() for i in extract(Document(body=wording,
                                                            published=published)).incidents]
            wrong = differences(fact["expected"], records)
            if wrong:
                failures.append(f"{fact['fact']}: {wording!r}: {', '.join(wrong)}")
            else:
                passed += 1
    return passed, total, failures


def test_the_suite_is_well_formed():
    loaded = facts()
    assert len(loaded) >= 40
    assert all(len(f["wordings"]) >= 5 for f in loaded)
    assert len({f["fact"] for f in loaded}) == len(loaded)


def test_paraphrases_give_the_same_record():
    passed, total, failures = run_suite()
    rate = passed / total
    print(f"paraphrase suite: {passed} of {total} wordings ({rate:.1%})")
    print("\n".join(failures))
    assert rate >= FLOOR, "\n".join(failures)


if __name__ == "__main__":
    done, count, missed = run_suite()
    print("\n".join(missed))
    print(f"{done} of {count} wordings give their fact's record ({done / count:.1%})")
