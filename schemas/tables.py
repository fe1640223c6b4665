"""Pandera models: the single source of truth for every warehouse table.

Each model names its table's columns, types and descriptions; `schemas.ddl`
derives the DuckDB DDL and `COMMENT ON` statements from them, `flows.validate`
checks every DataFrame against them before the load, and the README's schema
reference is generated from them. Row checks live here as named `@pa.check`s;
checks that need several tables live in `schemas.cross_table`.

`Config.unique` doubles as the table's primary key in the DDL.
"""

from __future__ import annotations

import sys

import pandas as pd
import pycountry
import pandera.pandas as pa
from pandera.engines.pandas_engine import Date
from pandera.typing import Series

from flows.lookups import rated_currencies


def import_pandera_without_dask_types() -> None:
    """Let pandera learn its dask frame types as if dask were not installed, unless dask.dataframe is loaded.

    Building a model's schema asks `pandera.typing.dask` for dask's frame types,
    which imports dask.dataframe whenever dask is installed (prefect-dask
    installs it, for `newsfacts run --workers`): 0.5 s of CPU in every run here.
    The warehouse's frames are pandas frames, so pandera never needs those types;
    while pandera looks, a None in `sys.modules` makes that one import fail, and
    dask.dataframe imports normally afterwards.
    """
    if "dask.dataframe" in sys.modules or "pandera.typing.dask" in sys.modules:
        return
    sys.modules["dask.dataframe"] = None
    try:
        import pandera.typing.dask  # noqa: F401 - imported for its DASK_INSTALLED, read by pandera
    finally:
        del sys.modules["dask.dataframe"]


import_pandera_without_dask_types()

ENTITY_TYPES = ("PERSON", "ORG", "LOCATION")
QUANTITY_KINDS = ("percent", "count", "measure")
GRANULARITIES = ("day", "month", "quarter", "half", "year")
INPUT_FORMATS = ("text", "html")
ISO_4217_CODES = tuple(sorted(currency.alpha_3 for currency in pycountry.currencies))
# Currencies the ECB reference rates cover: for these amount_usd must be filled.
RATED_CURRENCIES = rated_currencies()
RUN_STATUSES = ("running", "completed", "completed_with_errors", "failed")
# Plausible dates in news: the warehouse holds articles about past and near-future
# events, so anything before the first newspapers or far ahead is an extraction error.
EARLIEST_PLAUSIBLE_DATE = pd.Timestamp("1800-01-01").date()
LATEST_PLAUSIBLE_DATE = pd.Timestamp("2200-12-31").date()


class StrictModel(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = False


class Articles(StrictModel):
    """One row per distinct article text (raw text hashed), with what the cleaner kept."""

    article_id: Series[str] = pa.Field(str_length=64, description="SHA-256 of the raw text: the same text is the same article")
    source_name: Series[str] = pa.Field(description="Input file name, or the page URL for a WARC record")
    source_path: Series[str] = pa.Field(description="Path of the input file the article was read from")
    source_url: Series[str] = pa.Field(nullable=True, description="Page URL when known (HTML meta or WARC record)")
    input_format: Series[str] = pa.Field(isin=INPUT_FORMATS, description="How the input was parsed: text or html")
    title: Series[str] = pa.Field(nullable=True, description="Headline")
    published_date: Series[Date] = pa.Field(nullable=True, description="Publication date the page states")
    authors: Series[str] = pa.Field(nullable=True, description="Bylines of the article, joined by '; '")
    publisher: Series[str] = pa.Field(nullable=True, description="Publisher or site name where stated")
    language: Series[str] = pa.Field(
        nullable=True, str_matches=r"^[a-z]{2}$", description="Language of the article (ISO 639-1), null when it has no letters"
    )
    body_fallback: Series[str] = pa.Field(
        nullable=True, str_matches=r"^[a-z][a-z0-9_]*$",
        description="Why clean_text is a fallback rather than the blocks the cleaner chose (snake_case); null when it is not",
    )
    raw_text: Series[str] = pa.Field(description="Input text as read (HTML source for HTML inputs), always kept")
    clean_text: Series[str] = pa.Field(description="Article body kept by the cleaner; fact offsets point into it")
    ingested_at: Series[pd.Timestamp] = pa.Field(description="When the article was loaded (UTC)")
    run_id: Series[str] = pa.Field(description="Pipeline run that loaded the article")

    class Config:
        unique = ["article_id"]


class BoilerplateBlocks(StrictModel):
    """One row per block the cleaner removed from an article."""

    article_id: Series[str] = pa.Field(description="Article the block was removed from")
    position: Series[int] = pa.Field(ge=0, description="Index of the block in the raw document")
    block_text: Series[str] = pa.Field(description="Removed text, kept so nothing is lost")
    reason: Series[str] = pa.Field(str_matches=r"^[a-z][a-z0-9_]*$", description="Why it was removed (snake_case)")


class BlockFingerprints(StrictModel):
    """One row per site x block fingerprint x article: how often a block recurs on a site."""

    source_key: Series[str] = pa.Field(description="Site the page came from: URL host, else input directory")
    fingerprint: Series[str] = pa.Field(description="Hash of the normalised block text")
    article_id: Series[str] = pa.Field(description="Article holding the block")

    class Config:
        unique = ["source_key", "fingerprint", "article_id"]


class IngestErrors(StrictModel):
    """One row per input that could not be read, with the reason."""

    source_path: Series[str] = pa.Field(description="Path of the input that failed")
    reason: Series[str] = pa.Field(description="What was wrong with it")
    run_id: Series[str] = pa.Field(description="Pipeline run that met the error")


class RejectedRows(StrictModel):
    """One row per row that failed validation, kept as JSON with the failed check."""

    table_name: Series[str] = pa.Field(description="Table the row was meant for")
    row_json: Series[str] = pa.Field(description="The rejected row as JSON")
    check_name: Series[str] = pa.Field(description="Name of the check that failed")
    message: Series[str] = pa.Field(description="Why the row failed")
    run_id: Series[str] = pa.Field(description="Pipeline run that rejected the row")


class PipelineRuns(StrictModel):
    """One row per pipeline run."""

    run_id: Series[str] = pa.Field(description="Run identifier (the Prefect flow run id)")
    started_at: Series[pd.Timestamp] = pa.Field(description="Start of the run (UTC)")
    finished_at: Series[pd.Timestamp] = pa.Field(description="End of the run (UTC)")
    status: Series[str] = pa.Field(isin=RUN_STATUSES, description="Outcome of the run")
    inputs_read: Series[int] = pa.Field(ge=0, description="Articles read from the inputs")
    articles_new: Series[int] = pa.Field(ge=0, description="Articles loaded for the first time")
    articles_skipped: Series[int] = pa.Field(ge=0, description="Articles already in the warehouse")
    inputs_failed: Series[int] = pa.Field(ge=0, description="Inputs that landed in ingest_errors")
    rows_rejected: Series[int] = pa.Field(ge=0, description="Rows that landed in rejected_rows")
    counts_json: Series[str] = pa.Field(description="Rows loaded per table, as JSON")

    class Config:
        unique = ["run_id"]


class Entities(StrictModel):
    """One row per real-world person, organisation or place across the warehouse."""

    entity_id: Series[str] = pa.Field(description="Stable id from the type and the normalised name")
    name: Series[str] = pa.Field(str_length={"min_value": 1}, description="Fullest form of the name seen")
    entity_type: Series[str] = pa.Field(isin=ENTITY_TYPES, description="PERSON, ORG or LOCATION")

    class Config:
        unique = ["entity_id"]


class FactSpan(StrictModel):
    """Provenance every fact row carries: clean_text[start_char:end_char] = mention_text."""

    article_id: Series[str] = pa.Field(description="Article the fact was read from")
    mention_text: Series[str] = pa.Field(str_length={"min_value": 1}, description="The text stating the fact")
    start_char: Series[int] = pa.Field(ge=0, description="Start offset of mention_text in articles.clean_text")
    end_char: Series[int] = pa.Field(ge=0, description="End offset (exclusive) of mention_text in articles.clean_text")

    @pa.dataframe_check(name="span_is_ordered")
    def span_is_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return df["end_char"] > df["start_char"]


class EntityMentions(FactSpan):
    """One row per mention of an entity in an article."""

    entity_id: Series[str] = pa.Field(description="Entity mentioned")


class DroppedMentions(FactSpan):
    """One row per span extraction left out (a nationality, a credit line, text cut before NER), with the reason."""

    label: Series[str] = pa.Field(description="Label the span had when dropped (PERSON, ORG, GPE, NORP, PRODUCT, ...); empty for text NER never read")
    reason: Series[str] = pa.Field(str_matches=r"^[a-z][a-z0-9_]*$", description="Why it was left out (snake_case)")


class MoneyFacts(FactSpan):
    """One row per amount of money stated in an article (a range gives two rows)."""

    amount: Series[float] = pa.Field(gt=0, description="Amount in units of the currency (1.5e9 for '1.5 billion')")
    currency: Series[str] = pa.Field(isin=ISO_4217_CODES, description="ISO 4217 currency code")
    amount_usd: Series[float] = pa.Field(nullable=True, gt=0, description="Amount in US dollars at the reference rate of rate_date")
    rate_date: Series[Date] = pa.Field(nullable=True, description="Date of the ECB reference rate used for amount_usd")

    @pa.dataframe_check(name="amount_usd_present_when_rate_exists")
    def amount_usd_present_when_rate_exists(cls, df: pd.DataFrame) -> Series[bool]:
        return df["amount_usd"].notna() | ~df["currency"].isin(RATED_CURRENCIES)


class QuantityFacts(FactSpan):
    """One row per percentage, count or measure stated in an article."""

    kind: Series[str] = pa.Field(isin=QUANTITY_KINDS, description="percent, count or measure")
    value: Series[float] = pa.Field(description="Numeric value (9.0 for '9 per cent')")
    unit: Series[str] = pa.Field(nullable=True, description="Unit or counted noun ('%', 'square meters', 'members')")


class DateFacts(FactSpan):
    """One row per calendar date or period stated in an article."""

    date_start: Series[Date] = pa.Field(description="First day of the period")
    date_end: Series[Date] = pa.Field(description="Last day of the period")
    granularity: Series[str] = pa.Field(isin=GRANULARITIES, description="day, month, quarter, half or year")

    @pa.dataframe_check(name="period_is_ordered")
    def period_is_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return df["date_end"] >= df["date_start"]

    @pa.dataframe_check(name="date_is_plausible")
    def date_is_plausible(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["date_start"] >= EARLIEST_PLAUSIBLE_DATE) & (df["date_end"] <= LATEST_PLAUSIBLE_DATE)


class Quotes(StrictModel):
    """One row per direct quotation of six words or more."""

    article_id: Series[str] = pa.Field(description="Article the quote appears in")
    speaker_entity_id: Series[str] = pa.Field(nullable=True, description="Entity of the speaker, when resolved")
    speaker_name: Series[str] = pa.Field(nullable=True, description="Speaker's name as resolved")
    quote_text: Series[str] = pa.Field(str_length={"min_value": 1}, description="Text inside the quotation marks")
    start_char: Series[int] = pa.Field(ge=0, description="Start offset of quote_text in articles.clean_text")
    end_char: Series[int] = pa.Field(ge=0, description="End offset (exclusive) of quote_text in articles.clean_text")


class Roles(StrictModel):
    """One row per person - title - organisation triple an article states."""

    article_id: Series[str] = pa.Field(description="Article stating the role")
    person_entity_id: Series[str] = pa.Field(description="Entity of the person")
    person_name: Series[str] = pa.Field(description="Person's name")
    title: Series[str] = pa.Field(str_length={"min_value": 1}, description="Job title ('chief executive', 'senior analyst')")
    org_entity_id: Series[str] = pa.Field(description="Entity of the organisation")
    org_name: Series[str] = pa.Field(description="Organisation's name")
    mention_text: Series[str] = pa.Field(description="Text stating the role")
    start_char: Series[int] = pa.Field(ge=0, description="Start offset of mention_text in articles.clean_text")
    end_char: Series[int] = pa.Field(ge=0, description="End offset (exclusive) of mention_text in articles.clean_text")


# Load order matters: parents before children, so cross-table checks can see them.
TABLES: dict[str, type[StrictModel]] = {
    "articles": Articles,
    "boilerplate_blocks": BoilerplateBlocks,
    "block_fingerprints": BlockFingerprints,
    "entities": Entities,
    "entity_mentions": EntityMentions,
    "dropped_mentions": DroppedMentions,
    "money_facts": MoneyFacts,
    "quantity_facts": QuantityFacts,
    "date_facts": DateFacts,
    "quotes": Quotes,
    "roles": Roles,
    "ingest_errors": IngestErrors,
    "rejected_rows": RejectedRows,
    "pipeline_runs": PipelineRuns,
}
