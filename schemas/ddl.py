"""DuckDB DDL, COMMENT ON statements and Arrow schemas derived from the pandera models.

Columns are declared once, in `schemas.tables`; nothing here names a column.
"""

from __future__ import annotations

import pyarrow as pa_arrow

from schemas.tables import TABLES, StrictModel

# pandera dtype class name -> (DuckDB type, Arrow type)
TYPE_MAP = {
    "STRING": ("VARCHAR", pa_arrow.string()),
    "Int64": ("BIGINT", pa_arrow.int64()),
    "Float64": ("DOUBLE", pa_arrow.float64()),
    "Bool": ("BOOLEAN", pa_arrow.bool_()),
    "Date": ("DATE", pa_arrow.date32()),
    "DateTime": ("TIMESTAMP", pa_arrow.timestamp("us")),
}


def columns_of(model: type[StrictModel]) -> dict:
    return model.to_schema().columns


def column_types(model: type[StrictModel]) -> dict[str, tuple[str, pa_arrow.DataType]]:
    return {name: TYPE_MAP[type(column.dtype).__name__] for name, column in columns_of(model).items()}


def primary_key(model: type[StrictModel]) -> list[str]:
    return list(getattr(model.Config, "unique", None) or [])


def create_table_sql(table: str, model: type[StrictModel]) -> str:
    lines = [
        f'    "{name}" {sql_type}{"" if column.nullable else " NOT NULL"}'
        for (name, column), (sql_type, _) in zip(columns_of(model).items(), column_types(model).values())
    ]
    if key := primary_key(model):
        lines.append(f"    PRIMARY KEY ({', '.join(key)})")
    return f"CREATE TABLE IF NOT EXISTS {table} (\n" + ",\n".join(lines) + "\n)"


def sql_literal(text: str) -> str:
    """Quote a description for COMMENT ON, which takes no bound parameters."""
    return "'" + text.replace("'", "''") + "'"


def comment_sql(table: str, model: type[StrictModel]) -> list[str]:
    statements = [f"COMMENT ON TABLE {table} IS {sql_literal(' '.join(model.__doc__.split()))}"]
    statements += [
        f'COMMENT ON COLUMN {table}."{name}" IS {sql_literal(column.description)}'
        for name, column in columns_of(model).items()
    ]
    return statements


def arrow_schema(model: type[StrictModel]) -> pa_arrow.Schema:
    return pa_arrow.schema(
        [pa_arrow.field(name, arrow_type, nullable=column.nullable)
         for (name, column), (_, arrow_type) in zip(columns_of(model).items(), column_types(model).values())]
    )


def warehouse_ddl() -> list[str]:
    """Every statement that creates the warehouse tables with their comments."""
    statements: list[str] = []
    for table, model in TABLES.items():
        statements.append(create_table_sql(table, model))
        statements.extend(comment_sql(table, model))
    return statements
