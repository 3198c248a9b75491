"""Checks on names and text that would be lost or would act on output.

Ids and tags become file names on the site: an id or tag slug that rex also gives a page it
generates (`rex.reserved`), two tags that share a slug, or a tag with no slug at all would
make one page overwrite another silently. Control characters in the body would act on a
terminal that prints a search snippet. The front matter's own values are checked as they are
read (`rex.yaml_rules`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .frontmatter import ParsedText, Position
from .i18n import _
from .models import TAG_MAX
from .reserved import PAGE_PREFIX, RESERVED_NAMES, is_reserved
from .slug import bare_slug
from .yaml_rules import CONTROL_HINT, control_message, find_control

if TYPE_CHECKING:
    from .validate import FileResult

_RESERVED_TEXT = ", ".join(f"'{n}'" for n in sorted(RESERVED_NAMES)) + f", '{PAGE_PREFIX}N'"


def check_reserved_id(result: FileResult) -> None:
    """Report an id that is also the name of a page rex generates beside the records."""
    record_id = result.source.id
    if is_reserved(record_id):
        kind = result.source.kind.value
        result.add(
            Position(1, 1),
            "reserved-id",
            _(
                "'{id}' is the name of a page rex generates ({kind}/{id}): "
                "the record would overwrite it or be overwritten"
            ).format(id=record_id, kind=kind),
            _(
                "rename the file, e.g. '{id}-1.md' or a more telling name (reserved: {reserved})"
            ).format(id=record_id, reserved=_RESERVED_TEXT),
        )


def _tags(parsed: ParsedText) -> Iterator[tuple[int, str]]:
    tags = parsed.data.get("tags") if isinstance(parsed.data, dict) else None
    if isinstance(tags, list):
        for index, tag in enumerate(tags):
            if isinstance(tag, str) and tag.strip() and len(tag.strip()) <= TAG_MAX:
                yield index, tag.strip()


def check_tags(result: FileResult, parsed: ParsedText) -> None:
    """Report tags that would get no page of their own: no letter or digit, or a reserved name."""
    for index, tag in _tags(parsed):
        slug = bare_slug(tag)
        if not slug:
            result.add(
                parsed.position(("tags", index)),
                "invalid-tag",
                _("tag '{tag}' has no letter or digit, so it cannot be given a page").format(
                    tag=tag
                ),
                _(
                    "use a word, e.g. 'accueil'; punctuation, emoji and invisible characters "
                    "are not enough"
                ),
            )
        elif is_reserved(slug):
            result.add(
                parsed.position(("tags", index)),
                "invalid-tag",
                _(
                    "tag '{tag}' would be named 'tags/{slug}', the name of a page rex generates"
                ).format(tag=tag, slug=slug),
                _("use another word, e.g. '{tag} (étiquette)' (reserved: {reserved})").format(
                    tag=tag, reserved=_RESERVED_TEXT
                ),
            )


def check_tag_collisions(results: list[FileResult]) -> None:
    """Warn where a tag is spelt differently from one with the same slug (they share a page)."""
    # Positions are looked up only to report: asking for one computes the file's marks.
    first: dict[str, tuple[str, FileResult, int]] = {}
    reported: set[str] = set()
    for res in results:
        if res.parsed is None:
            continue
        for index, tag in _tags(res.parsed):
            slug = bare_slug(tag)
            if not slug:
                continue
            if slug not in first:
                first[slug] = (tag, res, index)
                continue
            spelling, other, other_index = first[slug]
            if tag == spelling or tag in reported:
                continue
            reported.add(tag)
            res.add(
                res.parsed.position(("tags", index)),
                "tag-collision",
                _("tag '{tag}' shares its page 'tags/{slug}' with tag '{other}' ({where})").format(
                    tag=tag,
                    slug=slug,
                    other=spelling,
                    where=f"{other.source.display}:{_tag_line(other, other_index)}",
                ),
                _("write both the same way, e.g. '{spelling}'").format(spelling=spelling),
                related=other.source.display,
            )


def _tag_line(res: FileResult, index: int) -> int:
    return res.parsed.position(("tags", index)).line if res.parsed is not None else 1


def check_body_controls(result: FileResult, parsed: ParsedText) -> None:
    """Report control characters in the body, one per line, at their column."""
    if find_control(parsed.body) is None:
        return
    for offset, line in enumerate(parsed.body.split("\n")):
        control = find_control(line)
        if control is not None:
            result.add(
                Position(parsed.body_line + offset, control.start() + 1),
                "control-character",
                control_message(control.group(), _("this line")),
                _(CONTROL_HINT),
            )
