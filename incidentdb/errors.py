"""One exception for every mistake a user can make; the CLI turns it into one line and exit 1."""


class IncidentDBError(Exception):
    """A user-facing failure: bad path, unreachable database, bad SQL."""
