"""The validated corpus: records by kind and id, with their relations in both directions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path
from typing import TypeVar, overload

from .context import TerritoryProfile, profile, service_territory
from .diagnostics import Report
from .frontmatter import KeyPath, ParsedText, Position
from .gc_pause import collector_paused
from .loader import discover
from .models import Action, Indicator, Kind, Practice, Record, Rex, Service, Territory
from .read_parallel import read_files
from .results import ResultsSet, Series, SeriesKey, check_results, read_results
from .supersedes import check_supersedes
from .validate import FileResult, check_corpus
from .vocabulary import VOCABULARY_FILE, Vocabulary, check_terms, load_vocabulary

R = TypeVar("R", Service, Indicator, Practice, Rex, Territory, Action)


class Corpus:
    """Every valid record of a corpus folder, and the report of what was wrong with the rest.

    Records with an error are left out (their problems are in `report`), so what reaches the
    index or the site is always valid. Relations are resolved both ways: `outgoing` follows
    the ids a record names, `incoming` finds the records that name it.
    """

    def __init__(
        self,
        root: Path,
        records: Iterable[Record],
        report: Report,
        positions: dict[tuple[Kind, str], ParsedText] | None = None,
        vocabulary: Vocabulary | None = None,
        results: ResultsSet | None = None,
    ) -> None:
        self.root = root
        self.report = report
        #: The themes and approaches of ``vocabulary.yml`` (None when the corpus has none).
        self.vocabulary = vocabulary
        self._records: dict[Kind, dict[str, Record]] = {kind: {} for kind in Kind}
        for record in records:
            self._records.setdefault(record.kind, {})[record.id] = record
        self._by_id: dict[Kind, dict[str, Record]] = {}
        self._incoming: dict[tuple[Kind, str], dict[Kind, list[str]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for record in self:
            for link in record.links():
                sources = self._incoming[(link.kind, link.id)][record.kind]
                if record.id not in sources:
                    sources.append(record.id)
        self._positions = positions or {}
        # Only measurements of indicators and services that are records of this corpus: a
        # row of a broken or filtered-out record is left out, as a link to it would be.
        results = results or ResultsSet()
        indicators, services = self._table(Kind.INDICATOR), self._table(Kind.SERVICE)
        kept = [m for m in results.measurements if m.indicator in indicators]
        self.results = ResultsSet(
            [m for m in kept if m.service in services],
            results.diagnostics,
            results.files,
        )

    def __iter__(self) -> Iterator[Record]:
        """Every record, kind by kind (in registry order), sorted by id."""
        for kind in self._records:
            yield from self.records(kind)

    def __len__(self) -> int:
        return sum(len(by_id) for by_id in self._records.values())

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, tuple) or len(key) != 2:
            return False
        kind, record_id = key
        try:
            return record_id in self._table(kind)
        except ValueError:
            return False

    @cached_property
    def services(self) -> dict[str, Service]:
        """Services by id (computed once; do not modify)."""
        return self._typed(Kind.SERVICE, Service)

    @cached_property
    def indicators(self) -> dict[str, Indicator]:
        """Indicators by id (computed once; do not modify)."""
        return self._typed(Kind.INDICATOR, Indicator)

    @cached_property
    def practices(self) -> dict[str, Practice]:
        """Practices by id (computed once; do not modify)."""
        return self._typed(Kind.PRACTICE, Practice)

    @cached_property
    def rex(self) -> dict[str, Rex]:
        """REX by id (computed once; do not modify)."""
        return self._typed(Kind.REX, Rex)

    @cached_property
    def territories(self) -> dict[str, Territory]:
        """Territories by id (computed once; do not modify)."""
        return self._typed(Kind.TERRITORY, Territory)

    def territory_of(self, service: Service) -> Territory | None:
        """The territory of ``service``: its own, its nearest parent's, or the only one."""
        return service_territory(service, self.services, self.territories)

    def territory_profile(self, record: Record) -> TerritoryProfile:
        """The territories of a record's services, with their types and population bands."""
        if isinstance(record, Service):
            return profile([record.id], self.services, self.territories)
        return profile(list(getattr(record, "services", [])), self.services, self.territories)

    def superseded_by(self, record: Record) -> list[Record]:
        """The records of the same kind that name ``record`` in their ``supersedes``."""
        return [
            r
            for r in self.incoming(record, record.kind)
            if record.id in getattr(r, "supersedes", ())
        ]

    @cached_property
    def actions(self) -> dict[str, Action]:
        """Actions by id (computed once; do not modify)."""
        return self._typed(Action.kind, Action)

    @cached_property
    def series(self) -> dict[SeriesKey, Series]:
        """The results grouped by (indicator, service, location), each sorted by period."""
        return self.results.series()

    def _typed(self, kind: Kind, cls: type[R]) -> dict[str, R]:
        return {k: v for k, v in self.by_id(kind).items() if isinstance(v, cls)}

    def _table(self, kind: Kind | str) -> dict[str, Record]:
        # A kind registered after the corpus was built simply has no record.
        return self._records.get(Kind(kind), {})

    # The corpus does not change once built, and pages and reports look records up in loops:
    # each kind's table is sorted once.
    def by_id(self, kind: Kind | str) -> dict[str, Record]:
        """The records of one kind by id, sorted by id (computed once; do not modify)."""
        kind = Kind(kind)
        table = self._by_id.get(kind)
        if table is None:
            table = self._by_id[kind] = dict(sorted(self._table(kind).items()))
        return table

    def records(self, kind: Kind | str) -> list[Record]:
        """The records of one kind, sorted by id."""
        return list(self.by_id(kind).values())

    def get(self, kind: Kind | str, record_id: str) -> Record | None:
        """The record of that kind and id, or None."""
        return self._table(kind).get(record_id)

    @overload
    def outgoing(self, record: Record, kind: Kind | str) -> list[Record]: ...
    @overload
    def outgoing(self, record: Record) -> list[Record]: ...
    def outgoing(self, record: Record, kind: Kind | str | None = None) -> list[Record]:
        """The records ``record`` names (optionally of one kind), in the order it names them."""
        wanted = Kind(kind) if kind is not None else None
        found: list[Record] = []
        for link in record.links():
            if wanted is not None and link.kind is not wanted:
                continue
            target = self._table(link.kind).get(link.id)
            if target is not None and target not in found:
                found.append(target)
        return found

    def incoming(self, record: Record, kind: Kind | str | None = None) -> list[Record]:
        """The records that name ``record`` (optionally of one kind), sorted by kind and id."""
        by_kind = self._incoming.get((record.kind, record.id), {})
        kinds = [Kind(kind)] if kind is not None else list(self._records)
        return [
            self._table(k)[rid]
            for k in kinds
            for rid in sorted(by_kind.get(k, ()))
            if rid in self._table(k)
        ]

    def related(self, record: Record, kind: Kind | str) -> list[Record]:
        """Records of ``kind`` linked with ``record`` in either direction."""
        found = self.outgoing(record, kind)
        found += [r for r in self.incoming(record, kind) if r not in found]
        return found

    def position(self, record: Record, path: KeyPath) -> Position:
        """Where the value at ``path`` stands in the record's file (line 1 if unknown)."""
        parsed = self._positions.get((record.kind, record.id))
        return parsed.position(path) if parsed is not None else Position(1, 1)

    @property
    def valid(self) -> bool:
        """True when no file has an error."""
        return self.report.valid


def load(path: str | Path, *, today: dt.date | None = None) -> Corpus:
    """Read and validate every record under ``path``; never raises on bad content.

    Raises `rex.RexError` only if ``path`` is not a folder. ``today`` (default: the current
    date) decides which ``review_by`` dates are overdue.
    """
    # Loading allocates millions of small objects and no cycles: the cyclic garbage collector
    # would only rescan them (about 12% of the time on 10,000 records).
    with collector_paused():
        return _load(Path(path), today or dt.date.today())


def _load(root: Path, today: dt.date) -> Corpus:
    results, report = read_all(root)
    known: dict[Kind, set[str]] = {kind: set() for kind in Kind}
    for res in results:
        known[res.source.kind].add(res.source.id)
    check_corpus(results, today, known)
    vocabulary, problems = load_vocabulary(root)
    report.extend(problems)
    check_terms(results, vocabulary, file_found=(root / VOCABULARY_FILE).is_file())
    check_supersedes(results)
    # Results join the same report: a record's error never hides a results error, nor the
    # other way round. Ids are checked against every file, as links are.
    measured = read_results(root)
    report.files += len(measured.files)
    report.extend(measured.diagnostics)
    report.extend(check_results(measured.measurements, known[Kind.INDICATOR], known[Kind.SERVICE]))
    records: list[Record] = []
    positions: dict[tuple[Kind, str], ParsedText] = {}
    for res in results:
        report.extend(res.diagnostics)
        if res.record is not None and not res.has_errors:
            records.append(res.record)
            if res.parsed is not None:
                positions[(res.record.kind, res.record.id)] = res.parsed
    report.records = len(records)
    corpus = Corpus(root, records, report, positions, vocabulary, measured)
    # Near-duplicates are judged on valid records only, with their lines (rex.duplicates).
    from .duplicates import check_duplicates

    report.extend(check_duplicates(corpus))
    report.sort()
    return corpus


def read_all(root: Path) -> tuple[list[FileResult], Report]:
    """Discover and read every record file under ``root`` (per-file checks only)."""
    sources, diagnostics = discover(root)
    report = Report(diagnostics=list(diagnostics), files=len(sources))
    return read_files(sources), report
