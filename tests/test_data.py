"""The extractor's data tables agree with the standards they cite. Pure: no database."""

from __future__ import annotations

import pycountry

from incidentdb.extract.text import load_table


def test_every_region_code_is_an_iso_3166_2_subdivision_of_its_country():
    codes = {s.code for s in pycountry.subdivisions}
    for names, country, iso in load_table("regions.json")["regions"]:
        if iso:
            assert iso in codes and iso.startswith(f"{country}-"), (names, iso)


def test_hodeidah_is_al_hudaydah_not_hadramawt():
    rows = {names.split("/")[0]: iso for names, _c, iso in load_table("regions.json")["regions"]}
    assert pycountry.subdivisions.get(code=rows["Hodeidah"]).name == "Al Ḩudaydah"
