"""What `pip install -e .` promises: every package the code imports is declared in
pyproject.toml, and the optional ones (pyarrow, dask) only where an import of them is guarded."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from tests.conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def requirement_names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[ ;]", r, maxsplit=1)[0].lower().replace("_", "-")
            for r in requirements}


def imported_packages() -> dict[str, set[str]]:
    """Top-level modules imported by incidentdb/ and migrations/, with the files importing
    them (standard library and our own package left out)."""
    found: dict[str, set[str]] = {}
    for path in [*(ROOT / "incidentdb").rglob("*.py"), *(ROOT / "migrations").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "incidentdb":
                    found.setdefault(top, set()).add(path.relative_to(ROOT).as_posix())
    return found


def test_every_imported_package_is_declared():
    core = requirement_names(PROJECT["dependencies"])
    parquet = requirement_names(PROJECT["optional-dependencies"]["parquet"])
    # dask[distributed] installs the `distributed` distribution with dask
    cluster = requirement_names(PROJECT["optional-dependencies"]["cluster"]) | {"distributed"}
    distributions = packages_distributions()
    undeclared = {}
    for module, files in imported_packages().items():
        names = {d.lower().replace("_", "-") for d in distributions.get(module, [module])}
        if names & core:
            continue
        if names & parquet and files == {"incidentdb/export.py"}:
            continue  # imported inside _arrow(), which names the extra when it is missing
        if names & cluster and files == {"incidentdb/work.py"}:
            continue  # imported only for --cluster, which names the extra when it is missing
        undeclared[module] = files
    assert undeclared == {}
    assert parquet == {"pyarrow"} and "pyarrow" not in core
    assert "pyarrow" in requirement_names(PROJECT["optional-dependencies"]["test"])
