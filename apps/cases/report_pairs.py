"""The many-valued groupings of the case reports (violation form, default category, respondents'
agency, sanction type): each group counts the distinct cases in it.

``COUNT(DISTINCT case) … GROUP BY group`` over the join of every case with its related rows
sorts all the joined rows (at 100k cases, spilling to disk). Here the related rows are read
first, restricted to the cases asked for (a semi-join), as distinct ``(case, key)`` pairs — off
an index on ``(case, key)`` where there is one, in its order, so that no hash or sort is
needed — plus the cases with no related row at all, under the empty key; then ``COUNT(*)`` per
key, and the key's code and name looked up once per group. Same numbers: a case is counted
once per group it has a row in (a respondent without an agency, or without a sanction in force,
puts it under the empty key too), and once in the total.

One query. The ORM cannot select from a subquery, so the parts' SQL — compiled by the ORM with
its parameters — is wrapped in a plain ``GROUP BY``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections
from django.db.models import Exists, F, FilteredRelation, Model, OuterRef, Q, QuerySet, Subquery

from apps.cases.models import Case


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
    # False when a case cannot have two rows with one key (the key is unique per case, as a
    # many-to-many's target): the pairs are the rows, not worth hashing for duplicates
    duplicates: bool = True


def count_per_group(cases: QuerySet[Case], rows: Rows, total: Subquery) -> list[dict]:
    """``[{"key", "label"?, "count", "total"}]`` ordered by key, for ``cases`` (unordered)."""

    def related() -> QuerySet:
        found = rows.queryset().order_by()
        if rows.only:
            alias, relation, condition = rows.only
            found = found.annotate(**{alias: FilteredRelation(relation, condition=condition)})
        return found

    pairs = (
        related()
        .filter(case__in=cases.values("pk"), **{f"{rows.key}__isnull": False})
        .values(pair_case=F("case_id"), pair_key=F(rows.key))
    )
    if rows.duplicates:
        pairs = pairs.distinct()
    # The empty key: the cases with a row without a key, and (apart) those with no row at all.
    keyless = (
        related()
        .filter(case__in=cases.values("pk"), **{f"{rows.missing or rows.key}__isnull": True})
        .values(pair_case=F("case_id"))
        .distinct()
    )
    alone = cases.filter(~Exists(rows.queryset().filter(case=OuterRef("pk")))).values("pk")
    connection = connections[cases.db]
    q = connection.ops.quote_name
    pairs_sql, pairs_params = pairs.query.sql_with_params()
    keyless_sql, keyless_params = keyless.query.sql_with_params()
    alone_sql, alone_params = alone.query.sql_with_params()
    total_sql, total_params = total.query.sql_with_params()
    per_key = (
        f"SELECT {q('pair_key')}, COUNT(*) AS {q('n')} FROM ({pairs_sql}) {q('pairs')} "
        f"GROUP BY {q('pair_key')} UNION ALL "
        f"SELECT NULL, COUNT(*) FROM (SELECT 1 AS {q('one')} FROM ({keyless_sql}) {q('keyless')} "
        f"UNION ALL SELECT 1 FROM ({alone_sql}) {q('alone')}) {q('empty')} HAVING COUNT(*) > 0"
    )
    if rows.lookup:
        table = q(rows.lookup._meta.db_table)
        columns = f"{table}.{q('code')}, {table}.{q('name')}"
        joined = f"LEFT OUTER JOIN {table} ON {table}.{q('id')} = {q('groups')}.{q('pair_key')}"
        order = f"{table}.{q('code')}"
    else:
        columns, joined, order = f"{q('groups')}.{q('pair_key')}", "", q("pair_key")
    sql = (
        f"SELECT {columns}, {q('groups')}.{q('n')}, ({total_sql}) "
        f"FROM ({per_key}) {q('groups')} {joined} ORDER BY {order}"
    )
    names = ("key", "label") if rows.lookup else ("key",)
    with connection.cursor() as cursor:
        cursor.execute(sql, (*total_params, *pairs_params, *keyless_params, *alone_params))
        return [
            {**dict(zip(names, row[:-2], strict=True)), "count": row[-2], "total": row[-1]}
            for row in cursor.fetchall()
        ]
