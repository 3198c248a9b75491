"""Property tests: no input makes the loader raise, and records survive a write/read round trip."""

from __future__ import annotations

import datetime as dt
import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rex.frontmatter import decode, parse
from rex.loader import SourceFile
from rex.models import Kind, PracticeMeta, RexMeta
from rex.reserved import is_reserved
from rex.slug import bare_slug
from rex.validate import read_file
from rex.writer import dump_record

FAST = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))

ids = st.from_regex(r"[a-z0-9]{2,8}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
words = st.text(
    alphabet=string.ascii_letters + "éèàçôœÉ' -:#\"!?&*%@[]{}|>", min_size=3, max_size=60
).filter(lambda s: len(s.strip()) >= 3)
# Tags that get a page of their own (a letter or digit, not a reserved name); a tag list with
# two spellings of one slug only warns.
tag_words = words.filter(lambda s: bool(bare_slug(s)) and not is_reserved(bare_slug(s)))
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text() | dates,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


def _read(tmp_path: Path, kind: Kind, raw: bytes) -> None:
    path = tmp_path / "rec-ord.md"
    path.write_bytes(raw)
    read_file(SourceFile(kind, path, "x/rec-ord.md"))


@FAST
@given(st.text())
def test_parse_never_raises_on_any_text(text: str) -> None:
    result = parse(text)
    for problem in result.problems:
        assert problem.position.line >= 1


@FAST
@given(st.text())
def test_front_matter_with_any_text_never_raises(text: str) -> None:
    result = parse(f"---\n{text}\n---\nbody")
    assert all(p.position.line >= 1 for p in result.problems)


@FAST
@given(st.binary(max_size=300), st.sampled_from(list(Kind)))
def test_any_bytes_never_raise(tmp_path_factory: object, raw: bytes, kind: Kind) -> None:
    folder = tmp_path_factory.mktemp("bytes")  # type: ignore[attr-defined]
    _read(folder, kind, b"---\n" + raw + b"\n---\n")
    _read(folder, kind, raw)


@FAST
@given(st.dictionaries(st.text(max_size=15), yaml_values, max_size=8), st.sampled_from(list(Kind)))
def test_any_yaml_mapping_never_raises(tmp_path_factory: object, data: object, kind: Kind) -> None:
    folder = tmp_path_factory.mktemp("yaml")  # type: ignore[attr-defined]
    text = yaml.safe_dump(data, allow_unicode=True)
    _read(folder, kind, f"---\n{text}---\n".encode())


practices = st.builds(
    PracticeMeta,
    title=words,
    summary=words,
    status=st.sampled_from(["draft", "proposed", "validated", "retired"]),
    services=st.lists(ids, min_size=1, max_size=3),
    indicators=st.lists(ids, min_size=1, max_size=3),
    owner=st.none() | words,
    created=st.none() | dates,
    tags=st.lists(tag_words, max_size=3),
    visibility=st.sampled_from(["internal", "public"]),
)
measures = st.fixed_dictionaries(
    {
        "indicator": ids,
        "before": st.floats(-1e6, 1e6, allow_nan=False),
        "after": st.floats(-1e6, 1e6, allow_nan=False),
    },
    optional={"period": words, "note": words},
)
rexes = st.builds(
    RexMeta,
    title=words,
    date=dates,
    status=st.sampled_from(["draft", "validated"]),
    outcome=st.sampled_from(["success", "partial", "failure"]),
    services=st.lists(ids, min_size=1, max_size=3),
    practices=st.lists(ids, max_size=3),
    measures=st.lists(measures, max_size=3),
    lessons=st.lists(words, min_size=1, max_size=3),
    extra=st.dictionaries(ids, st.integers(-(2**53), 2**53) | words, max_size=2),
)
# Printable text without the vertical tab and form feed, control characters rex refuses.
bodies = st.text(alphabet=string.printable.replace("\x0b\x0c", "") + "éàç", max_size=200)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(meta=st.one_of(practices, rexes), body=bodies)
def test_record_round_trips_through_a_file(
    tmp_path_factory: object, meta: PracticeMeta | RexMeta, body: str
) -> None:
    kind = Kind.PRACTICE if isinstance(meta, PracticeMeta) else Kind.REX
    folder = tmp_path_factory.mktemp("rt")  # type: ignore[attr-defined]
    path = folder / "fiche.md"
    from rex.models import RECORD_MODELS

    body = body.replace("\r", "")
    record = RECORD_MODELS[kind].model_construct(
        **dict(meta), id="fiche", path=path, relpath="fiche.md", body=body
    )
    path.write_text(dump_record(record), encoding="utf-8")
    result = read_file(SourceFile(kind, path, "fiche.md"))
    codes = [d.code for d in result.diagnostics]
    assert result.record is not None or codes == ["active-content"], codes
    assert set(codes) <= {"active-content", "tag-collision"}, codes
    if result.record is not None:
        for name in type(meta).model_fields:
            assert getattr(result.record, name) == getattr(meta, name), name
        assert result.record.body == body


@FAST
@given(st.dictionaries(st.text(max_size=15), yaml_values, max_size=8))
def test_fast_and_careful_readings_agree(data: object) -> None:
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n"
    for variant in (text, text.replace("true", "yes").replace("false", "off")):
        fast, careful = parse(variant), parse(variant, marks=True)
        assert fast.data == careful.data
        assert [p.code for p in fast.problems] == [p.code for p in careful.problems]
        assert fast.position(("x",)) == careful.position(("x",))


field_names = st.sampled_from(
    [
        "title",
        "services",
        "indicators",
        "practices",
        "parent",
        "measures",
        "date",
        "created",
        "updated",
        "review_by",
        "status",
        "outcome",
        "lessons",
        "tags",
        "direction",
        "unit",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.tuples(
            st.sampled_from(list(Kind)),
            st.dictionaries(field_names, yaml_values | st.lists(ids, max_size=3), max_size=8),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_whole_corpus_of_odd_records_never_raises(
    tmp_path_factory: object, records: list[tuple[Kind, dict[str, object]]]
) -> None:
    import rex

    root = tmp_path_factory.mktemp("corpus")  # type: ignore[attr-defined]
    for i, (kind, data) in enumerate(records):
        folder = root / kind.value
        folder.mkdir(exist_ok=True)
        text = yaml.safe_dump(data, allow_unicode=True)
        (folder / f"rec-{i}.md").write_text(f"---\n{text}---\nTexte.\n", encoding="utf-8")
    corpus = rex.load(root, today=dt.date(2026, 1, 1))
    assert corpus.report.files == len(records)
    for record in corpus:
        assert corpus.outgoing(record) is not None


# Front matter built from YAML's special characters: anchors, aliases, tags, escapes,
# brackets, odd numbers and control characters, where the two readers could part ways.
yaml_pieces = st.sampled_from(
    [
        "a", "title", ": ", "\n", "  ", "- ", "&x ", "*x", "!t ", "!!str ", "!!set ", "<<: ",
        "[", "]", "{", "}", ",", '"', "'", "\\e", "\\u001b", "\\x85", "\x1b", "\x85", "#",
        ".nan", ".inf", "-.inf", "true", "yes", "1e400", "9007199254740993", "0x1F", "0o17",
        "2024-02-30", "2024-01-01", "~", "null", "|", ">", "?", "é", "\t",
    ]
)  # fmt: skip


@FAST
@given(st.lists(yaml_pieces, max_size=40).map("".join))
def test_special_yaml_reads_the_same_both_ways(source: str) -> None:
    text = f"---\n{source}\n---\n"
    fast, careful = parse(text), parse(text, marks=True)
    assert repr(fast.data) == repr(careful.data)
    assert sorted(p.code for p in fast.problems) == sorted(p.code for p in careful.problems)
    for problem in careful.problems:
        assert 1 <= problem.position.line <= text.count("\n") + 1


@FAST
@given(st.binary(max_size=400))
def test_any_bytes_decode_and_parse_without_raising(raw: bytes) -> None:
    text, problem = decode(raw)
    assert (text is None) != (problem is None)
    if text is not None:
        for result in (parse(text), parse("---\n" + text + "\n---\n", marks=True)):
            assert all(p.position.line >= 1 for p in result.problems)
            result.position(("measures", 0, "before"))


@FAST
@given(st.integers() | st.floats())
def test_numbers_are_refused_exactly_when_json_would_lose_them(value: float) -> None:
    written = yaml.safe_dump({"extra": {"n": value}})
    result = parse(f"---\n{written}---\n")
    lost = (
        value != value
        or value in (float("inf"), float("-inf"))
        or (isinstance(value, int) and abs(value) > 2**53)
    )
    assert [p.code for p in result.problems] == (["invalid-number"] if lost else [])


segments = st.lists(st.sampled_from(["a", "b", "rex", "x-1", ".", ".."]), max_size=4)


@FAST
@given(segments, segments)
def test_site_links_are_posix_relative_paths(target: list[str], base: list[str]) -> None:
    import posixpath

    from rex.site.html import _relpath

    to, start = "/".join(target), "/".join(base)
    assert _relpath(to, start) == posixpath.relpath(to or ".", start or ".")
