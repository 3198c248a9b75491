"""A kind added through the registry alone reaches every layer, and leaves with it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import ConfigDict, Field

import rex
from rex.errors import RexError
from rex.export import csv_tables, export_records
from rex.models import (
    Kind,
    KindSpec,
    Meta,
    RecordBase,
    RecordId,
    SearchFields,
    Text,
    parse_kind,
    register_kind,
    registered,
)
from rex.scaffold import new_record
from rex.schema import schema_texts
from rex.site import generate

from .conftest import MINIMAL, WriteTree


class EventMeta(Meta):
    """Front matter of an event (a toy kind for these tests)."""

    model_config = ConfigDict(title="rex event", extra="forbid", frozen=True)

    date: dt.date = Field(description="Quand l'événement a eu lieu.")
    services: list[RecordId] = Field(default_factory=list, description="Services présents.")
    place: Text | None = Field(default=None, description="Où.")


class Event(EventMeta, RecordBase):
    """An event."""


EVENTS = KindSpec(
    name="events",
    singular="event",
    label="Événement",
    plural="Événements",
    meta=EventMeta,
    record=Event,
    links={"services": "services"},
    search=SearchFields(keywords=("place",), date=("date",)),
    intro="Les événements.",
)

EVENT_FILES = {
    "events/fete-voirie.md": """\
        ---
        title: Fête de la voirie
        date: 2024-05-04
        services: [voirie]
        place: Parc central
        tags: [fete]
        ---
        Une journée portes ouvertes des ateliers.
        """,
    "events/forum-emploi.md": """\
        ---
        title: Forum de l'emploi
        date: 2023-11-20
        lieu: Mairie
        services: [voiri]
        ---
        """,
}


@pytest.fixture
def event_kind() -> Iterator[Kind]:
    """The toy kind, registered for one test only."""
    with registered(EVENTS) as kind:
        yield kind
    assert "events" not in list(Kind)


@pytest.fixture
def corpus(event_kind: Kind, write_tree: WriteTree) -> rex.Corpus:
    return rex.load(write_tree({**MINIMAL, **EVENT_FILES}), today=dt.date(2025, 1, 1))


def test_a_registered_kind_is_a_kind_like_the_others(event_kind: Kind) -> None:
    assert list(Kind)[-1] is event_kind and len(Kind) == 7
    assert Kind("event") is Kind("Events") is Kind["EVENT"] is parse_kind("event") is event_kind
    assert event_kind == "events" and event_kind.value == "events"
    assert event_kind.singular == "event" and Event.kind is event_kind
    assert {event_kind: 1}["events"] == 1
    with pytest.raises(RexError, match="already registered"):
        register_kind(EVENTS)


def test_unregistering_removes_the_kind() -> None:
    with registered(EVENTS):
        assert Kind("event").value == "events"
    with pytest.raises(ValueError):
        Kind("event")
    with pytest.raises(RexError) as raised:
        parse_kind("event")
    assert raised.value.hint == "use one of: service, indicator, practice, rex, territory, action"
    assert "event.schema.json" not in schema_texts()


def test_validated_with_lines(corpus: rex.Corpus) -> None:
    bad = {(d.code, d.line, d.column) for d in corpus.report.errors}
    assert bad == {("unknown-key", 4, 1), ("unknown-link", 5, 12)}
    assert all(d.path.endswith("events/forum-emploi.md") for d in corpus.report.errors)
    link_error = next(d for d in corpus.report.errors if d.code == "unknown-link")
    assert link_error.hint == "did you mean 'voirie'?"
    assert [r.id for r in corpus.records("event")] == ["fete-voirie"]


def test_linked_both_ways(corpus: rex.Corpus, event_kind: Kind) -> None:
    event = corpus.by_id(event_kind)["fete-voirie"]
    voirie = corpus.services["voirie"]
    assert isinstance(event, Event) and event.date == dt.date(2024, 5, 4)
    assert corpus.outgoing(event) == [voirie]
    assert corpus.incoming(voirie, "event") == [event]
    assert event in corpus.incoming(voirie)
    assert corpus.get("events", "fete-voirie") is event and (event_kind, event.id) in corpus


def test_indexed_and_found_with_the_kind_facet(corpus: rex.Corpus, tmp_path: Path) -> None:
    stats = rex.build_index(corpus, tmp_path / "index")
    assert stats.added == 5
    with rex.open_index(tmp_path / "index") as index:
        result = index.search("portes ouvertes", kind="event")
        assert [h.id for h in result.hits] == ["fete-voirie"]
        assert result.hits[0].kind == "events"
        assert index.search("voirie").facets["kind"]["events"] == 1
        assert [h.id for h in index.search("parc", service="voirie", year="2024").hits] == [
            "fete-voirie"
        ]
        assert index.search("voirie", kind="practice").facets["kind"].get("events") is None


def test_exported_as_json_and_csv(corpus: rex.Corpus) -> None:
    data = export_records(corpus, kinds=["event", "service"])
    assert list(data) == ["services", "events"]
    (event,) = data["events"]
    assert event["front_matter"]["date"] == "2024-05-04"
    assert event["outgoing"] == {"services": ["voirie"]} and event["incoming"] == {}
    assert data["services"][0]["incoming"]["events"] == ["fete-voirie"]
    tables = csv_tables(data)
    header, row = tables["events.csv"]
    assert header[:4] == ["id", "path", "title", "tags"] and "outgoing.services" in header
    assert row[header.index("place")] == "Parc central"
    services = tables["services.csv"][0]
    assert services[-2:] == ["incoming.events", "body"]


def test_given_pages(corpus: rex.Corpus) -> None:
    site = generate(corpus)
    pages = {p.src: p for p in site.pages}
    index, page = pages["events/index.md"], pages["events/fete-voirie.md"]
    assert "Fête de la voirie" in index.markdown and "4 mai 2024" in index.markdown
    assert 'href="../../services/voirie/"' in page.markdown
    assert "Parc central" in page.markdown and "portes ouvertes" in page.markdown
    assert ("Événements", "events/index.md") in site.nav
    assert '<span class="rex-count">1</span> Événement<' in pages["index.md"].markdown


def test_schema_and_template(event_kind: Kind, minimal_corpus: Path) -> None:
    schema = schema_texts()["event.schema.json"]
    assert '"$id": "event.schema.json"' in schema and '"rex event"' in schema
    target = new_record(minimal_corpus, "event", "visite-atelier", "Visite de l'atelier")
    assert target == minimal_corpus / "events" / "visite-atelier.md"
    # The template built from the model lists existing services and validates as written.
    assert "services: [voirie]" in target.read_text(encoding="utf-8")
    loaded = rex.load(minimal_corpus, today=dt.date(2025, 1, 1))
    assert loaded.report.valid, loaded.report.to_dict()
    assert [r.title for r in loaded.records(event_kind)] == ["Visite de l'atelier"]


def test_a_misspelt_folder_is_pointed_at_the_new_kind(
    event_kind: Kind, write_tree: WriteTree
) -> None:
    corpus = rex.load(
        write_tree({**MINIMAL, "event/fete.md": EVENT_FILES["events/fete-voirie.md"]})
    )
    (warning,) = [d for d in corpus.report.warnings if d.code == "unknown-folder"]
    assert warning.hint == "did you mean 'events/'?"
