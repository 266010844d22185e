"""Every named query runs against the shipped knowledge base and answers something."""

from __future__ import annotations

import pytest

from succession.api import Succession
from succession.queries import list_queries

SAMPLE = {"office": "President of Tajikistan", "person": "Emomali Rahmon", "country": "Tajikistan",
          "date": "2020-05-01", "string": "x", "integer": "1", "iri": "https://example.org/x"}
OVERRIDES = {"rule-departures": {"office": "President of Turkmenistan"},
             "family-successions": {"country": "Turkmenistan"}, "claims": {"person": "Rustam Emomali"}}


@pytest.fixture(scope="module")
def session() -> Succession:
    return Succession()


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_named_query_runs_with_rows(session, query):
    assert query.description, f"{query.name} has no header description"
    params = {p.name: OVERRIDES.get(query.name, {}).get(p.name, SAMPLE[p.type]) for p in query.params}
    result = session.run_named(query.name, params)
    assert result.rows, f"{query.name} returned no rows for {params}"


@pytest.mark.parametrize("query", [q for q in list_queries() if any(p.optional for p in q.params)],
                         ids=lambda q: q.name)
def test_optional_parameters_can_be_left_out(session, query):
    required = {p.name: SAMPLE[p.type] for p in query.params if not p.optional}
    assert session.run_named(query.name, required).rows
