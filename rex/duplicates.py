"""Possible duplicates: warn when two practices or two REX say nearly the same thing.

`check_duplicates` runs when a corpus loads (so ``rex validate`` and `rex.load` report the
same thing): each pair `rex.similar.near_duplicates` finds among practices, and among REX,
is one ``possible-duplicate`` warning at the title of the second record (by id), naming the
other file and its title line. A record silences a pair with ``not_duplicate_of: [id]``
(either record may say it). Services and indicators are not compared: their titles repeat
by design ("Voirie du secteur nord", "Voirie du secteur sud").

`closest_titles` answers ``rex new``'s question: which existing records of a kind already
look like this title?
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .codes import severity_of
from .diagnostics import Diagnostic
from .i18n import _
from .models import Kind, Record

if TYPE_CHECKING:  # corpus.py calls this module while it loads
    from .corpus import Corpus

#: The kinds where two records about one thing mislead readers.
KINDS = (Kind.PRACTICE, Kind.REX)
CODE = "possible-duplicate"


def check_duplicates(corpus: Corpus) -> list[Diagnostic]:
    """A ``possible-duplicate`` warning for each near-duplicate pair of practices or REX."""
    records = [r for kind in KINDS for r in corpus.records(kind)]
    if len(records) < 2:
        return []
    from .similar.duplicates import near_duplicates  # the stemmer's imports, only if needed

    ignore = {r.id: r.__dict__.get("not_duplicate_of") or () for r in records}
    found: list[Diagnostic] = []
    for pair in near_duplicates(corpus, ignore=ignore, kinds=KINDS):
        first, second = pair.first, pair.second
        where, other = corpus.position(second, ("title",)), corpus.position(first, ("title",))
        shared = ", ".join(f"'{w}'" for w in pair.words)
        texts = _("titles and lessons") if second.kind is Kind.REX else _("titles and summaries")
        found.append(
            Diagnostic(
                second.path.as_posix(),
                where.line,
                where.column,
                severity_of(CODE),
                CODE,
                _(
                    "this {kind} may duplicate '{other}' ({path}:{line}): their {texts} share "
                    "{shared} (similarity {score:.2f})"
                ).format(
                    kind=second.kind.singular,
                    other=first.id,
                    path=first.path.as_posix(),
                    line=other.line,
                    texts=texts,
                    shared=shared,
                    score=pair.score,
                ),
                _(
                    "merge them (the newer one can name the older in 'supersedes'), or add "
                    "'not_duplicate_of: [{other}]' if they are different things"
                ).format(other=first.id),
                related=first.path.as_posix(),
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class Suggestion:
    """An existing record whose title and summary look like a new title."""

    record: Record
    score: float


def closest_titles(
    corpus: Corpus, kind: Kind, title: str, *, limit: int = 5, minimum: float = 0.3
) -> list[Suggestion]:
    """The records of ``kind`` whose title and summary cover most of ``title``'s words.

    The score is the share of the title's weight (each stem weighted by its rarity in the
    kind) that a record's title or summary also has; records under ``minimum`` are left out.
    """
    from .similar.text import Analyzer, summary_text

    analyzer = Analyzer()
    records = corpus.records(kind)
    wanted = set(analyzer.stems(title, numbers=True))
    if not records or not wanted:
        return []
    texts = [set(analyzer.stems(f"{r.title}\n{summary_text(r)}", numbers=True)) for r in records]
    df = dict.fromkeys(wanted, 0)
    for stems in texts:
        for stem in wanted & stems:
            df[stem] += 1
    weight = {stem: math.log(1 + len(records) / (1 + n)) for stem, n in df.items()}
    total = sum(weight.values())
    scored = []
    for record, stems in zip(records, texts, strict=True):
        score = sum(weight[s] for s in wanted & stems) / total
        if score >= minimum:
            scored.append(Suggestion(record, round(score, 4)))
    scored.sort(key=lambda s: (-s.score, s.record.id))
    return scored[:limit]
