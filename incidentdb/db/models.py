"""The schema, as typed SQLAlchemy models. Alembic migrations are generated from and checked
against these (``alembic check``); nothing outside model tests calls ``create_all``.

Closed vocabularies are strings with named CHECK constraints, not PostgreSQL enum types, because
BI tools filter strings well and enums badly. Every table and column carries a comment, which
Metabase shows as its description.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TIMESTAMP
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from incidentdb.vocabulary import (
    CASUALTY_GROUPS,
    CASUALTY_OUTCOMES,
    DATE_PRECISIONS,
    GEO_PRECISIONS,
    INCIDENT_KINDS,
    OUTCOMES,
    ROLES,
    SOURCE_KINDS,
    WEAPON_CATEGORIES,
)

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

TIMESTAMPTZ = TIMESTAMP(timezone=True)


def one_of(column: str, values: tuple[str, ...], *, nullable: bool = False) -> CheckConstraint:
    """A named CHECK that keeps a string column inside its vocabulary."""
    listed = ", ".join(f"'{v}'" for v in values)
    quoted = f'"{column}"' if column == "group" else column  # GROUP is a reserved word
    condition = f"{quoted} IN ({listed})"
    if nullable:
        condition = f"{quoted} IS NULL OR {condition}"
    return CheckConstraint(condition, name=column)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Source(Base):
    __tablename__ = "sources"
    __table_args__ = (
        UniqueConstraint("normalized_name", "kind"),
        one_of("kind", SOURCE_KINDS),
        {"comment": "Who published or stated information: outlets, ministries, governors, "
                    "mayors, channels."},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, comment="Surrogate key.")
    name: Mapped[str] = mapped_column(Text, comment="Name as first written in a report.")
    normalized_name: Mapped[str] = mapped_column(
        Text, comment="Lower-cased, whitespace-folded name; with kind, the natural key."
    )
    kind: Mapped[str] = mapped_column(
        String(16), comment="outlet, government, military, official, channel or other."
    )
    country: Mapped[str | None] = mapped_column(
        String(2), comment="ISO 3166-1 alpha-2 code of the source's country, when known."
    )
    created_at: Mapped[datetime] = mapped_column(
        TIMESTAMPTZ, server_default=func.now(), comment="When the source was first seen."
    )


class Article(Base):
    __tablename__ = "articles"
    __table_args__ = (
        Index(None, "source_id"),
        Index(None, "published"),
        {"comment": "One row per loaded document; sha256 of the normalised text makes "
                    "re-loading idempotent."},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, comment="Surrogate key.")
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), comment="The outlet that published it."
    )
    title: Mapped[str | None] = mapped_column(Text, comment="Headline, when the file has one.")
    section: Mapped[str | None] = mapped_column(Text, comment="Section label such as News.")
    body: Mapped[str] = mapped_column(
        Text, comment="Normalised body text; evidence offsets point into it."
    )
    published: Mapped[date | None] = mapped_column(
        Date, comment="Publication date, when known; relative dates are resolved against it."
    )
    url: Mapped[str | None] = mapped_column(Text, comment="Address of the original report.")
    language: Mapped[str | None] = mapped_column(String(16), comment="Language code, if given.")
    path: Mapped[str | None] = mapped_column(
        Text, comment="Path the document was read from (file#id for JSON Lines)."
    )
    sha256: Mapped[str] = mapped_column(
        String(64), unique=True, comment="SHA-256 of the normalised title and body."
    )
    word_count: Mapped[int] = mapped_column(Integer, comment="Words in the body.")
    ingested_at: Mapped[datetime] = mapped_column(
        TIMESTAMPTZ, server_default=func.now(), comment="When the article was loaded."
    )
    extractor_version: Mapped[str] = mapped_column(
        String(32), comment="Version of the extraction rules that produced its claims."
    )
    load_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("load_runs.id", ondelete="SET NULL"), comment="The load that stored it."
    )


class Incident(Base):
    __tablename__ = "incidents"
    __table_args__ = (
        one_of("kind", INCIDENT_KINDS),
        one_of("date_precision", DATE_PRECISIONS, nullable=True),
        one_of("geo_precision", GEO_PRECISIONS, nullable=True),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence"),
        Index(None, "date"),
        Index(None, "country", "admin1"),
        Index(None, "admin1_code"),
        {"comment": "One event at one place and time; reports of it are in incident_reports."},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, comment="Surrogate key.")
    uid: Mapped[str] = mapped_column(
        String(32), unique=True,
        comment="Stable identifier that survives re-extraction of its first article.",
    )
    kind: Mapped[str] = mapped_column(String(16), comment="interception, strike or other.")
    date: Mapped[date | None] = mapped_column(
        Date, comment="Local calendar date of the event; null when the year cannot be known."
    )
    date_precision: Mapped[str | None] = mapped_column(
        String(8), comment="day, week, month or year."
    )
    date_text: Mapped[str | None] = mapped_column(
        Text, comment="The phrase that dates the event, as written."
    )
    year_inferred: Mapped[bool] = mapped_column(
        Boolean, server_default="false", comment="True when the year is not stated for the date."
    )
    year_source: Mapped[str | None] = mapped_column(
        Text, comment="Where an inferred year came from: published date or text."
    )
    time_text: Mapped[str | None] = mapped_column(
        Text, comment="Clock time as HH:MM or HH:MM-HH:MM in the first time zone given."
    )
    start_time: Mapped[datetime | None] = mapped_column(
        TIMESTAMPTZ, comment="Start instant, when date and clock time are known."
    )
    end_time: Mapped[datetime | None] = mapped_column(
        TIMESTAMPTZ, comment="End instant of a stated time range."
    )
    part_of_day: Mapped[str | None] = mapped_column(
        String(16), comment="night, morning, afternoon or evening, when stated."
    )
    country: Mapped[str | None] = mapped_column(
        String(2), comment="ISO 3166-1 alpha-2; null for seas and places spanning countries."
    )
    admin1: Mapped[str | None] = mapped_column(
        Text, comment="First-level region as written (Kaluga region, Kharkiv Oblast)."
    )
    place: Mapped[str | None] = mapped_column(
        Text, comment="Most specific named place as written: city, village, district, sea."
    )
    latitude: Mapped[float | None] = mapped_column(Double, comment="WGS 84 latitude.")
    longitude: Mapped[float | None] = mapped_column(Double, comment="WGS 84 longitude.")
    geonameid: Mapped[int | None] = mapped_column(
        BigInteger,
        comment="GeoNames geonameid of the place when it is a known city: one key for every "
        "spelling (GeoNames' own name for it; not a key of this database).",
    )
    admin1_code: Mapped[str | None] = mapped_column(
        String(10),
        comment="ISO 3166-2 code of the first-level region (UA-63), from the text or the "
        "gazetteer: one key for Kiev region and Kyiv Oblast.",
    )
    geo_precision: Mapped[str | None] = mapped_column(
        String(8), comment="What the coordinates stand for: place, district, admin1, country."
    )
    target: Mapped[str | None] = mapped_column(Text, comment="Target as stated.")
    damage: Mapped[str | None] = mapped_column(Text, comment="Damage as stated.")
    no_damage: Mapped[bool] = mapped_column(
        Boolean, server_default="false", comment="True when the text says there was no damage."
    )
    attacker: Mapped[str | None] = mapped_column(Text, comment="Attacker as stated.")
    summary: Mapped[str] = mapped_column(Text, comment="One-line summary.")
    confidence: Mapped[float] = mapped_column(
        Double, comment="Extractor's confidence that this is a real incident, 0 to 1."
    )
    created_at: Mapped[datetime] = mapped_column(
        TIMESTAMPTZ, server_default=func.now(), comment="When the incident was first stored."
    )


class IncidentReport(Base):
    __tablename__ = "incident_reports"
    __table_args__ = (
        UniqueConstraint("article_id", "ordinal"),
        Index(None, "incident_id"),
        Index(None, "source_id"),
        {"comment": "One claim: an article reporting an incident, citing a source."},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, comment="Surrogate key.")
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), comment="The incident reported."
    )
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), comment="The article that reports it."
    )
    ordinal: Mapped[int] = mapped_column(
        Integer, comment="Position of this incident among the article's incidents."
    )
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"),
        comment="Who the article cites (ministry, governor); null for the outlet's own word.",
    )
    reported_by: Mapped[str | None] = mapped_column(
        Text, comment="Every cited source as written, joined with '; '."
    )
    channel: Mapped[str | None] = mapped_column(
        Text, comment="Channel of the statement: Telegram, Max, social media."
    )
    evidence: Mapped[str] = mapped_column(
        Text, comment="Sentences that state the incident, joined with ' || '."
    )
    evidence_start: Mapped[int] = mapped_column(
        Integer, comment="Offset of the first evidence character in the article body."
    )
    evidence_end: Mapped[int] = mapped_column(
        Integer, comment="Offset just past the last evidence character."
    )
    match_score: Mapped[float | None] = mapped_column(
        Double, comment="Similarity to the stored incident this report was merged into."
    )
    claim: Mapped[dict | None] = mapped_column(
        JSONB,
        comment="The incident as this report alone states it (the columns of incidents, its "
        "uid, and occurrence among its article's claims of one place and day): merging is "
        "decided from these, and the incident shows the fields of its most specific report. "
        "Null for a report written by other means, which then stands for its incident's "
        "fields.",
    )


class Weapon(Base):
    __tablename__ = "weapons"
    __table_args__ = (
        one_of("category", WEAPON_CATEGORIES),
        {"comment": "Weapon catalog: canonical names, categories and aliases."},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, comment="Surrogate key.")
    name: Mapped[str] = mapped_column(Text, unique=True, comment="Canonical name (UAV, HIMARS).")
    category: Mapped[str] = mapped_column(
        String(24), comment="uav, cruise_missile, ballistic_missile, guided_bomb, rocket, "
                            "sam_system, aircraft or other.",
    )
    aliases: Mapped[list[str]] = mapped_column(
        ARRAY(Text), server_default="{}", comment="Other names the catalog recognises."
    )
    country_of_origin: Mapped[str | None] = mapped_column(
        String(2), comment="ISO 3166-1 alpha-2 of the maker's country, when known."
    )


class IncidentWeapon(Base):
    __tablename__ = "incident_weapons"
    __table_args__ = (
        one_of("role", ROLES),
        one_of("outcome", OUTCOMES, nullable=True),
        CheckConstraint("quantity IS NULL OR quantity >= 0", name="quantity"),
        Index(None, "report_id"),
        Index(None, "weapon_id"),
        {"comment": "A weapon figure as one report states it."},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, comment="Surrogate key.")
    report_id: Mapped[int] = mapped_column(
        ForeignKey("incident_reports.id", ondelete="CASCADE"), comment="The claim it belongs to."
    )
    weapon_id: Mapped[int] = mapped_column(
        ForeignKey("weapons.id"), comment="The catalog weapon."
    )
    name: Mapped[str] = mapped_column(Text, comment="The weapon as the report names it.")
    role: Mapped[str] = mapped_column(String(8), comment="attacker or defender.")
    outcome: Mapped[str | None] = mapped_column(
        String(12), comment="launched, destroyed, intercepted or hit; null when not stated."
    )
    quantity: Mapped[int | None] = mapped_column(
        Integer, comment="Number stated; null for vague amounts. Never guessed."
    )
    quantity_text: Mapped[str | None] = mapped_column(
        Text, comment="The amount as written: forty-two, dozens, at least 3."
    )
    evidence_start: Mapped[int] = mapped_column(Integer, comment="Offset of the evidence.")
    evidence_end: Mapped[int] = mapped_column(Integer, comment="End offset of the evidence.")


class Casualty(Base):
    __tablename__ = "casualties"
    __table_args__ = (
        one_of("outcome", CASUALTY_OUTCOMES),
        one_of("group", CASUALTY_GROUPS),
        CheckConstraint("count >= 0", name="count"),
        Index(None, "report_id"),
        {"comment": "A casualty figure as one report states it; 0 only when the text says so."},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, comment="Surrogate key.")
    report_id: Mapped[int] = mapped_column(
        ForeignKey("incident_reports.id", ondelete="CASCADE"), comment="The claim it belongs to."
    )
    outcome: Mapped[str] = mapped_column(String(8), comment="killed or injured.")
    group: Mapped[str] = mapped_column(
        String(12), comment="total, civilians, children, adults or military."
    )
    count: Mapped[int] = mapped_column(Integer, comment="Number of people.")
    is_minimum: Mapped[bool] = mapped_column(
        Boolean, server_default="false", comment="True for 'at least N'."
    )
    count_text: Mapped[str | None] = mapped_column(Text, comment="The figure as written.")
    evidence_start: Mapped[int] = mapped_column(Integer, comment="Offset of the evidence.")
    evidence_end: Mapped[int] = mapped_column(Integer, comment="End offset of the evidence.")


class LoadRun(Base):
    __tablename__ = "load_runs"
    __table_args__ = ({"comment": "Every incidentdb load call, with its counts."},)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, comment="Surrogate key.")
    started_at: Mapped[datetime] = mapped_column(
        TIMESTAMPTZ, server_default=func.now(), comment="When the load began."
    )
    finished_at: Mapped[datetime | None] = mapped_column(
        TIMESTAMPTZ, comment="When it ended; null while running or after a crash."
    )
    arguments: Mapped[str | None] = mapped_column(Text, comment="Paths and options given.")
    extractor_version: Mapped[str] = mapped_column(String(32), comment="Extractor version.")
    documents_new: Mapped[int] = mapped_column(
        Integer, server_default="0", comment="Documents stored for the first time."
    )
    documents_unchanged: Mapped[int] = mapped_column(
        Integer, server_default="0", comment="Documents already stored with the same sha256."
    )
    documents_refused: Mapped[int] = mapped_column(
        Integer, server_default="0", comment="Files refused; reasons in load_errors."
    )
    incidents_added: Mapped[int] = mapped_column(
        Integer, server_default="0", comment="Incidents created."
    )
    weapons_added: Mapped[int] = mapped_column(
        Integer, server_default="0", comment="Weapon figures stored."
    )
    casualties_added: Mapped[int] = mapped_column(
        Integer, server_default="0", comment="Casualty figures stored."
    )


class LoadError(Base):
    __tablename__ = "load_errors"
    __table_args__ = (
        Index(None, "load_run_id"),
        {"comment": "Every refused file, with the reason, so nothing is dropped silently."},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, comment="Surrogate key.")
    load_run_id: Mapped[int] = mapped_column(
        ForeignKey("load_runs.id", ondelete="CASCADE"), comment="The load that refused it."
    )
    path: Mapped[str] = mapped_column(Text, comment="The file (or file#line) refused.")
    reason: Mapped[str] = mapped_column(Text, comment="Why it was refused.")
    created_at: Mapped[datetime] = mapped_column(
        TIMESTAMPTZ, server_default=func.now(), comment="When it was refused."
    )


class Region(Base):
    __tablename__ = "regions"
    __table_args__ = (
        UniqueConstraint("code"),
        UniqueConstraint("geonameid"),
        {"comment": "Reference: every ISO 3166-2 subdivision with an English name, filled from "
                    "the gazetteer packages by a migration; the views show incidents' regions "
                    "through it (incidents.admin1_code = regions.code)."},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Surrogate key.")
    code: Mapped[str] = mapped_column(
        String(10), comment="ISO 3166-2 code (UA-63); the natural key."
    )
    country: Mapped[str] = mapped_column(String(2), comment="ISO 3166-1 alpha-2 country code.")
    name: Mapped[str] = mapped_column(
        Text, comment="English name to show (Kharkiv Oblast, Belgorod Oblast, Kyiv)."
    )
    geonameid: Mapped[int | None] = mapped_column(
        BigInteger,
        comment="For a region that is one city (Kyiv, Moscow, Sevastopol): the GeoNames id of "
        "the city, so an incident in it is in this region; null otherwise.",
    )
