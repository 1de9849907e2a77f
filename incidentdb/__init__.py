"""incidentdb: news reports about air-defense incidents in, queryable PostgreSQL rows out.

The pipeline shows in the module names: ``read`` (files to documents), ``extract`` (documents
to incidents, pure), ``load`` (incidents to rows), ``query`` and ``export`` (rows to answers).
"""

__version__ = "0.1.0"
