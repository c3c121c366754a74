"""The many-valued groupings of the case reports (violation form, default category, respondents'
agency, sanction type): each group counts the distinct cases in it.

``COUNT(DISTINCT case) … GROUP BY group`` over the join of every case with its related rows
sorts all the joined rows (at 100k cases, spilling to disk). Here the related rows are read
first, restricted to the cases asked for (a semi-join), as distinct ``(case, key)`` pairs — off
an index on ``(case, key)`` where there is one, in its order, so that no hash or sort is
needed — then ``COUNT(*)`` per key, and the key's code and name looked up once per group.

When the cases are all the cases (the coordinator's reports without a filter) there is no
semi-join: every related row's case is one of them.

The empty key holds the cases with no related row at all and those with a row without a key (a
respondent without an agency, or without a sanction in force): the total, less the cases with
related rows, plus those with a keyless one. Over all the cases both come from one pass over the
related rows grouped by case, in the order of their index on the case, with "this row has no
key" tested on the row's own columns (a hashed subquery, not a join, which would lose that
order). A key with a few known values (the default category) is counted in that same pass, a
flag per value per case, instead of as pairs: its pairs, read through a join, would all be
hashed (at 100k cases, spilling to disk).

Same numbers: a case is counted once per group it has a row in, and once in the total.

One query. The ORM cannot select from a subquery, so the parts' SQL — compiled by the ORM with
its parameters — is wrapped in a plain ``GROUP BY``; the empty key's sum is done in Python.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections, models
from django.db.models import (
    Exists,
    F,
    FilteredRelation,
    Max,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)

from apps.cases.models import Case
from apps.cases.selectors import is_every_case


@dataclass(frozen=True)
class Rows:
    """Where a many-valued grouping's keys are: rows related to a case (a ``case`` foreign key)."""

    queryset: Callable[[], QuerySet]  # the related rows, e.g. the respondents
    key: str  # the ORM path of the key on those rows (a foreign key's id, or a value)
    lookup: type[Model] | None = None  # the model the key points to: its code and name
    # (alias, relation, condition): only some rows of a relation of those rows count, e.g. the
    # sanctions still in force; the key's path starts with the alias
    only: tuple[str, str, Q] | None = None
    # The path that is null on a row without a key, when better than the key's (the joined
    # row's own foreign key: PostgreSQL then reads "no sanction in force" as an anti-join)
    missing: str | None = None
    # The same, on the row's own columns (no join, so that the rows keep the order of their
    # index on the case when read per case); None when every row has a key
    keyless: Callable[[], Q] | None = None
    # False when a case cannot have two rows with one key (the key is unique per case, as a
    # many-to-many's target): the pairs are the rows, not worth hashing for duplicates
    duplicates: bool = True
    # Every value the key can take, and a row with one of them on the row's own columns: the
    # groups are then flags per case, counted in the pass that finds the empty key
    values: tuple[str, ...] = ()
    having: Callable[[str], Q] | None = None


def count_per_group(cases: QuerySet[Case], rows: Rows, total: Subquery) -> list[dict]:
    """``[{"key", "label"?, "count", "total"}]`` ordered by key, for ``cases`` (unordered)."""
    if cases.query.is_empty():
        return []
    if rows.values:
        return _flags_per_key(cases, rows, total)
    return _pairs_per_key(cases, rows, total)


def _rows(cases: QuerySet[Case], rows: Rows) -> QuerySet:
    """The related rows of ``cases``: all of them when ``cases`` is every case (each row's case
    is one of them, so the semi-join would only cost time)."""
    found = rows.queryset().order_by()
    return found if is_every_case(cases) else found.filter(case__in=cases.values("pk"))


def _flag(condition: Q):
    return Max(models.Case(models.When(condition, then=Value(1)), default=Value(0)))


def _per_case(cases: QuerySet[Case], rows: Rows) -> QuerySet:
    """One row per case with related rows: a flag per known value, and one for a keyless row."""
    flags = {f"has_{n}": _flag(rows.having(value)) for n, value in enumerate(rows.values)}
    keyless = _flag(rows.keyless()) if rows.keyless else Max(Value(0))  # still one row per case
    return _rows(cases, rows).values("case_id").annotate(**flags, keyless=keyless)


def _compiled(queryset: QuerySet) -> tuple[str, tuple]:
    sql, params = queryset.query.sql_with_params()
    return sql, tuple(params)


def _empty_columns(cases: QuerySet[Case], rows: Rows, q) -> tuple[str, tuple]:
    """Two columns of one row: the cases with related rows, and those with a keyless row.

    Over every case, one pass over the rows in case order. Over some of them the rows would be
    semi-joined to the cases by a hash, which loses that order: then the cases with rows by a
    semi-join from the cases, and the distinct cases of the keyless rows."""
    if is_every_case(cases):
        sql, params = _compiled(_per_case(cases, rows))
        return f"COUNT(*), SUM({q('keyless')}) FROM ({sql}) {q('cases')}", params
    related = rows.queryset().filter(case=OuterRef("pk"))
    with_rows_sql, with_rows_params = _compiled(cases.filter(Exists(related)).values("pk"))
    keyless = (
        _with_only(_rows(cases, rows), rows)
        .filter(**{f"{rows.missing or rows.key}__isnull": True})
        .values("case_id")
        .distinct()
    )
    keyless_sql, keyless_params = _compiled(keyless)
    counts = (
        f"(SELECT COUNT(*) FROM ({with_rows_sql}) {q('with_rows')}), "
        f"(SELECT COUNT(*) FROM ({keyless_sql}) {q('keyless')})"
    )
    return counts, with_rows_params + keyless_params


def _empty(with_rows: int, keyless: int | None, total: int) -> int:
    """The empty key: the cases without rows, and those with a keyless row."""
    return total - with_rows + (keyless or 0)


def _flags_per_key(cases, rows: Rows, total: Subquery) -> list[dict]:
    connection = connections[cases.db]
    q = connection.ops.quote_name
    per_case = _per_case(cases, rows)
    per_case_sql, per_case_params = _compiled(per_case)
    total_sql, total_params = total.query.sql_with_params()
    sums = ", ".join(f"SUM({q(name)})" for name in per_case.query.annotations)
    sql = f"SELECT COUNT(*), {sums}, ({total_sql}) FROM ({per_case_sql}) {q('cases')}"
    with connection.cursor() as cursor:
        cursor.execute(sql, (*total_params, *per_case_params))
        with_rows, *flagged, keyless, total_count = cursor.fetchone()
    found = sorted((value, n) for value, n in zip(rows.values, flagged, strict=True) if n)
    found.append((None, _empty(with_rows, keyless, total_count)))
    return [{"key": key, "count": n, "total": total_count} for key, n in found if n]


def _with_only(found: QuerySet, rows: Rows) -> QuerySet:
    if not rows.only:
        return found
    alias, relation, condition = rows.only
    return found.annotate(**{alias: FilteredRelation(relation, condition=condition)})


def _pairs(cases: QuerySet[Case], rows: Rows) -> QuerySet:
    pairs = (
        _with_only(_rows(cases, rows), rows)
        .filter(**{f"{rows.key}__isnull": False})
        .values(pair_case=F("case_id"), pair_key=F(rows.key))
    )
    return pairs.distinct() if rows.duplicates else pairs


def _pairs_per_key(cases, rows: Rows, total: Subquery) -> list[dict]:
    connection = connections[cases.db]
    q = connection.ops.quote_name
    pairs_sql, pairs_params = _compiled(_pairs(cases, rows))
    empty_sql, empty_params = _empty_columns(cases, rows, q)
    total_sql, total_params = total.query.sql_with_params()
    per_key = (
        f"SELECT {q('pair_key')}, COUNT(*) AS {q('n')}, 0 AS {q('keyless')} "
        f"FROM ({pairs_sql}) {q('pairs')} GROUP BY {q('pair_key')} "
        f"UNION ALL SELECT NULL, {empty_sql}"
    )
    if rows.lookup:
        table = q(rows.lookup._meta.db_table)
        columns = f"{table}.{q('code')}, {table}.{q('name')}"
        joined = f"LEFT OUTER JOIN {table} ON {table}.{q('id')} = {q('groups')}.{q('pair_key')}"
        order = f"{table}.{q('code')}"
    else:
        columns, joined, order = f"{q('groups')}.{q('pair_key')}", "", q("pair_key")
    sql = (
        f"SELECT {columns}, {q('groups')}.{q('n')}, {q('groups')}.{q('keyless')}, "
        f"({total_sql}) FROM ({per_key}) {q('groups')} {joined} ORDER BY {order}"
    )
    names = ("key", "label") if rows.lookup else ("key",)
    with connection.cursor() as cursor:
        cursor.execute(sql, (*total_params, *pairs_params, *empty_params))
        found = cursor.fetchall()
    result = []
    for *key, n, keyless, total_count in found:
        row = dict(zip(names, key, strict=True))
        if row["key"] is None:
            n = _empty(n, keyless, total_count)
        if n:
            result.append({**row, "count": n, "total": total_count})
    return result
