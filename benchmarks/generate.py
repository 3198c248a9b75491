"""Write a synthetic, valid and cross-linked rex corpus of any size, for benchmarks and tests.

    python benchmarks/generate.py OUT_DIR --records 10000 [--seed 1] [--force]

About 2 % of the records are services (at least 3), 3 % indicators (at least 3), 35 %
practices and 60 % REX. The text is French-looking prose assembled from word lists; every
link points to an existing record of the right kind, practices are due for review after
2027-01-01 and REX are dated 2020-01-01 to 2026-10-31, so the corpus validates without
errors or warnings. The same seed always gives the same files. Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

__all__ = ["generate", "main", "split_counts"]

MIN_RECORDS = 6
T = TypeVar("T")

# --- word lists -------------------------------------------------------------------------------

SERVICE_NAMES = [
    "Voirie",
    "Espaces verts",
    "Propreté urbaine",
    "Éclairage public",
    "Restauration scolaire",
    "État civil",
    "Accueil et relation usager",
    "Urbanisme",
    "Médiathèque",
    "Piscine",
    "Action sociale",
    "Bâtiments communaux",
    "Police municipale",
    "Petite enfance",
    "Cimetières",
    "Sports et gymnases",
]
SERVICE_PLACES = [
    "du centre-ville",
    "du secteur nord",
    "du secteur sud",
    "des Tanneries",
    "de Bellevue",
    "du Moulin-Neuf",
    "de la Prairie",
    "des Hauts-de-Brune",
    "de Port-Brune",
    "de l'agglomération",
]
DOMAINS = [
    "Cadre de vie",
    "Relation usagers",
    "Éducation",
    "Culture",
    "Solidarités",
    "Aménagement du territoire",
    "Sports",
]

#: (title, unit, direction, low, high, decimals) of indicator families.
INDICATOR_FAMILIES = [
    ("Délai moyen d'intervention", "jours", "decrease", 2.0, 30.0, 1),
    ("Taux de résolution dès le premier passage", "%", "increase", 35.0, 85.0, 0),
    ("Satisfaction des usagers", "%", "increase", 45.0, 90.0, 0),
    ("Coût moyen d'une intervention", "€", "decrease", 80.0, 450.0, 0),
    ("Heures de travail par intervention", "h", "decrease", 0.8, 5.0, 1),
    ("Délai de réponse aux courriers", "jours", "decrease", 4.0, 30.0, 1),
    ("Taux de réclamations", "‰", "decrease", 2.0, 18.0, 1),
    ("Gaspillage alimentaire", "g/repas", "decrease", 70.0, 160.0, 0),
    ("Délai d'instruction des permis", "jours", "decrease", 40.0, 95.0, 0),
    ("Taux de décroché téléphonique", "%", "increase", 55.0, 92.0, 0),
    ("Consommation électrique", "MWh", "decrease", 400.0, 3000.0, 0),
]
FREQUENCIES = ["mensuelle", "trimestrielle", "semestrielle", "annuelle"]
SOURCES = [
    "outil de suivi des demandes",
    "enquête de satisfaction",
    "fiches de pesées",
    "registre des réclamations",
    "comptabilité analytique",
    "statistiques de l'autocommutateur",
    "logiciel d'instruction",
]

PRACTICE_TOPICS = [
    "Cartographier les processus",
    "Prioriser les demandes",
    "Afficher les résultats",
    "Réunir un comité d'amélioration continue",
    "Écouter les usagers",
    "Ouvrir un guichet unique",
    "Planifier la maintenance préventive",
    "Former les agents techniques",
    "Suivre un tableau de bord mensuel",
    "Organiser des pesées des restes",
    "Co-concevoir les formulaires",
    "Répondre aux questions fréquentes en ligne",
    "Rappeler les usagers sous 48 heures",
    "Réduire les délais de réponse",
    "Lutter contre le gaspillage",
    "Regrouper les interventions par quartier",
]
PRACTICE_SCOPES = [
    "avant une réorganisation",
    "avec les agents de terrain",
    "dans les restaurants scolaires",
    "au guichet de l'accueil",
    "pour les demandes d'intervention",
    "en lien avec les élus",
    "avec les usagers du quartier",
    "sur l'ensemble des sites",
    "pendant les périodes de pointe",
    "pour les courriers et courriels",
]
REX_ACTIONS = [
    "Pesées des restes",
    "Guichet unique",
    "Réorganisation de l'accueil",
    "Priorisation des signalements",
    "Maintenance préventive",
    "Formation des agents",
    "Tableau de bord mensuel",
    "Comité d'usagers",
    "Affichage des résultats",
    "Dépôt en ligne des demandes",
    "Rappel des usagers",
    "Tournées de nettoiement",
    "Réduction des délais d'instruction",
    "Lutte contre le gaspillage",
]
REX_PLACES = [
    "au restaurant scolaire des Tanneries",
    "à la mairie annexe de Bellevue",
    "au centre technique municipal",
    "dans le quartier du Moulin-Neuf",
    "à l'hôtel de ville",
    "aux Hauts-de-Brune",
    "à la médiathèque centrale",
    "dans les écoles du secteur sud",
    "sur les voies du centre-ville",
    "à la cuisine centrale",
    "à Port-Brune",
    "au service de l'urbanisme",
]
LOCATIONS = [
    "Restaurant scolaire des Tanneries",
    "Mairie annexe de Bellevue",
    "Centre technique municipal de la Prairie",
    "Quartier du Moulin-Neuf",
    "Hôtel de ville",
    "Hauts-de-Brune",
    "Médiathèque centrale",
    "Cuisine centrale",
    "Port-Brune",
    "Centre-ville",
]
ROLES = [
    "Responsable de la performance",
    "Chargée de mission qualité",
    "Contrôleur de gestion",
    "Responsable de l'accueil",
    "Chef d'équipe voirie",
    "Responsable de la restauration scolaire",
    "Responsable du service urbanisme",
    "Directrice des services techniques",
]
FIRST_NAMES = ["Sophie", "Karim", "Malika", "Thomas", "Claire", "Julien", "Nadia", "Élodie"]
TAGS = [
    "usagers",
    "restauration",
    "gaspillage",
    "accueil",
    "voirie",
    "urbanisme",
    "pilotage",
    "formation",
    "maintenance",
    "processus",
    "satisfaction",
    "quartiers",
    "signalements",
    "courriers",
]

#: (subject, auxiliary) so that the verb agrees: "L'équipe a…", "Les agents ont…".
SUBJECTS = [
    ("Les agents du service", "ont"),
    ("L'équipe d'accueil", "a"),
    ("La direction générale", "a"),
    ("Les usagers interrogés", "ont"),
    ("Le chef d'équipe", "a"),
    ("La cuisine centrale", "a"),
    ("Les élus de secteur", "ont"),
    ("La mission performance", "a"),
    ("Les instructeurs", "ont"),
    ("Le comité de pilotage", "a"),
    ("Les habitants du quartier", "ont"),
    ("La responsable de la qualité", "a"),
    ("Les équipes de terrain", "ont"),
    ("Le contrôleur de gestion", "a"),
]
PARTICIPLES = [
    "analysé",
    "mesuré",
    "réduit",
    "suivi chaque mois",
    "revu",
    "présenté",
    "comparé",
    "constaté",
    "priorisé",
    "examiné",
    "affiché",
    "discuté",
    "regroupé",
    "documenté",
]
OBJECTS = [
    "les délais d'intervention",
    "les pesées des restes",
    "le gaspillage alimentaire",
    "les réclamations des usagers",
    "le délai de réponse aux courriers",
    "les demandes en attente",
    "les pesées hebdomadaires",
    "la pesée quotidienne des restes",
    "le taux de décroché téléphonique",
    "les heures passées par intervention",
    "la satisfaction des usagers",
    "le coût de chaque intervention",
    "les délais d'instruction des permis",
    "les étapes du processus",
    "les résultats du trimestre",
    "les remarques laissées au guichet",
    "le délai moyen de réparation",
]
COMPLEMENTS = [
    "après la réorganisation de l'accueil",
    "pendant les trois premiers mois",
    "dans les quartiers prioritaires",
    "avec l'appui des agents de terrain",
    "malgré des effectifs réduits",
    "sur l'ensemble des sites",
    "avant l'été",
    "à chaque réunion mensuelle",
    "en lien avec les usagers",
    "sans moyens supplémentaires",
    "dès la première semaine",
    "au cours de l'année scolaire",
    "à la demande des élus",
    "grâce à un outil partagé",
]
CLAUSES = [
    "ce qui a permis de réduire les délais",
    "ce qui a surpris une partie de l'équipe",
    "sans effet visible sur les réclamations",
    "avec des résultats encore fragiles",
    "ce qui a limité le gaspillage",
    "et les usagers ont été informés à chaque étape",
    "mais les pesées n'ont pas toujours été faites",
    "ce qui a libéré du temps pour les interventions urgentes",
    "et les délais ont été affichés au guichet",
    "mais la participation a baissé au fil des séances",
]
BULLETS = [
    "Désigner un référent et lui réserver du temps.",
    "Mesurer la situation de départ avant tout changement.",
    "Associer les agents de terrain dès le premier atelier.",
    "Afficher les résultats chaque trimestre.",
    "Informer les usagers des délais prévus.",
    "Organiser des pesées sur dix jours consécutifs.",
    "Revoir la grille de priorité après un mois.",
    "Présenter le plan d'action aux élus.",
    "Tenir à jour la liste des demandes en attente.",
    "Prévoir le remplacement des agents en formation.",
    "Vérifier la fiabilité des données chaque mois.",
    "Recueillir l'avis des usagers après chaque intervention.",
]

PRACTICE_HEADINGS = [
    "Description",
    "Mise en œuvre",
    "Conditions de réussite",
    "Points de vigilance",
]
REX_HEADINGS = ["Contexte", "Ce qui a été fait", "Difficultés", "Résultats", "Enseignements"]
INDICATOR_HEADINGS = ["Mode de calcul", "Interprétation"]

FIRST_DAY = dt.date(2020, 1, 1)
LAST_REX_DAY = dt.date(2026, 10, 31)
LAST_UPDATE = dt.date(2026, 11, 1)
REVIEW_FROM = dt.date(2027, 1, 2)
REVIEW_TO = dt.date(2028, 12, 31)


# --- text helpers -----------------------------------------------------------------------------


def q(text: str) -> str:
    """Quote a string as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def qlist(items: Sequence[str]) -> str:
    """A YAML flow sequence of quoted strings."""
    return "[" + ", ".join(q(item) for item in items) + "]"


SYLLABLES = [
    "ba", "bo", "da", "di", "fa", "ga", "ka", "la", "li", "lo", "ma", "mi",
    "na", "no", "pa", "ra", "ri", "ro", "sa", "so", "ta", "ti", "va", "zo",
]  # fmt: skip


def codename(n: int) -> str:
    """A made-up project name, different for every ``n`` (``Bababa``, ``Bababo``...).

    Generated titles repeat a few topics and scopes; a name of its own keeps each record
    apart from the others, as real records are, so the corpus raises no possible-duplicate.
    """
    syllables = []
    for _ in range(4):
        n, rest = divmod(n, len(SYLLABLES))
        syllables.append(SYLLABLES[rest])
    return "".join(reversed(syllables)).capitalize()


def slug(text: str) -> str:
    """A lowercase ASCII id fragment from French words."""
    table = str.maketrans("àâäçéèêëîïôöùûüœ", "aaaceeeeiioouuuo")
    cleaned = "".join(c if c.isalnum() else " " for c in text.lower().translate(table))
    return "-".join(cleaned.split())


class Writer:
    """French-looking prose from the word lists, driven by one random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self) -> str:
        """One sentence of 12 to 25 words."""
        choice = self.rng.choice
        subject, auxiliary = choice(SUBJECTS)
        text = (
            f"{subject} {auxiliary} {choice(PARTICIPLES)} {choice(OBJECTS)} {choice(COMPLEMENTS)}"
        )
        if self.rng.random() < 0.5:
            text += f", {choice(CLAUSES)}"
        return text + "."

    def paragraph(self, sentences: int) -> str:
        """Several sentences as one paragraph."""
        return " ".join(self.sentence() for _ in range(sentences))

    def bullets(self, count: int) -> str:
        """A Markdown bullet list of distinct items."""
        return "\n".join(f"- {item}" for item in self.rng.sample(BULLETS, count))

    def body(self, headings: Sequence[str], sentences: tuple[int, int]) -> str:
        """A body with one ``##`` section per heading; the second gets a bullet list."""
        low, high = sentences
        parts = []
        for index, heading in enumerate(headings):
            parts.append(f"## {heading}\n\n{self.paragraph(self.rng.randint(low, high))}\n")
            if index == 1:
                parts.append(self.bullets(self.rng.randint(2, 4)) + "\n")
        return "\n".join(parts)

    def some(self, items: Sequence[T], most: int) -> list[T]:
        """Between one and ``most`` distinct items, fewer if there are not enough."""
        return self.rng.sample(items, self.rng.randint(1, min(most, len(items))))

    def date(self, start: dt.date, end: dt.date) -> dt.date:
        """A day between ``start`` and ``end`` inclusive."""
        return dt.date.fromordinal(self.rng.randint(start.toordinal(), end.toordinal()))

    def tags(self) -> str:
        """One to three tags from the small shared list."""
        return qlist(self.some(TAGS, 3))

    def visibility(self) -> str:
        """About two records in three are public."""
        return "public" if self.rng.random() < 2 / 3 else "internal"


# --- records ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Indicator:
    """What a REX needs to know about an indicator to write a consistent measure."""

    id: str
    unit: str
    direction: str
    low: float
    high: float
    decimals: int


def split_counts(records: int) -> dict[str, int]:
    """How many records of each kind make up a corpus of ``records`` records."""
    if records < MIN_RECORDS:
        raise ValueError(f"records must be at least {MIN_RECORDS}, got {records}")
    services = max(3, round(records * 0.02))
    indicators = max(3, round(records * 0.03))
    rest = records - services - indicators
    practices = round(rest * 35 / 95)
    return {
        "services": services,
        "indicators": indicators,
        "practices": practices,
        "rex": rest - practices,
    }


def _write(path: Path, front: list[str], body: str) -> None:
    path.write_text("---\n" + "\n".join(front) + "\n---\n\n" + body, encoding="utf-8")


def _services(root: Path, count: int, w: Writer) -> list[str]:
    ids: list[str] = []
    folder = root / "services"
    folder.mkdir()
    for n in range(count):
        name = SERVICE_NAMES[n % len(SERVICE_NAMES)]
        place = w.rng.choice(SERVICE_PLACES)
        title = f"{name} {place}"
        rid = f"{slug(name)}-{n + 1}"
        front = [
            f"title: {q(title)}",
            f"description: {q(w.sentence())}",
            f"domain: {q(w.rng.choice(DOMAINS))}",
        ]
        # A parent is always an earlier service, so the hierarchy never loops.
        if n >= 3 and w.rng.random() < 0.4:
            front.append(f"parent: {w.rng.choice(ids[: max(3, n // 4)])}")
        front += [f"tags: {w.tags()}", f"visibility: {w.visibility()}"]
        _write(folder / f"{rid}.md", front, w.paragraph(w.rng.randint(4, 7)) + "\n")
        ids.append(rid)
    return ids


def _indicators(root: Path, count: int, services: list[str], w: Writer) -> list[Indicator]:
    made: list[Indicator] = []
    folder = root / "indicators"
    folder.mkdir()
    for n in range(count):
        family = INDICATOR_FAMILIES[n % len(INDICATOR_FAMILIES)]
        title, unit, direction, low, high, decimals = family
        rid = f"{slug(title)}-{n + 1}"
        front = [
            f"title: {q(f'{title} {w.rng.choice(SERVICE_PLACES)}')}",
            f"definition: {q(w.sentence())}",
            f"unit: {q(unit)}",
            f"direction: {direction}",
            f"formula: {q('total mesuré / nombre de demandes traitées sur la période')}",
            f"frequency: {w.rng.choice(FREQUENCIES)}",
            f"source: {q(w.rng.choice(SOURCES))}",
            f"services: {qlist(w.some(services, 3))}",
            f"tags: {w.tags()}",
            f"visibility: {w.visibility()}",
        ]
        _write(folder / f"{rid}.md", front, w.body(INDICATOR_HEADINGS, (2, 4)))
        made.append(Indicator(rid, unit, direction, low, high, decimals))
    return made


def _practices(
    root: Path, count: int, services: list[str], indicators: list[Indicator], w: Writer
) -> list[str]:
    ids: list[str] = []
    folder = root / "practices"
    folder.mkdir()
    statuses = ["validated"] * 6 + ["proposed"] * 2 + ["draft", "retired"]
    for n in range(count):
        topic = PRACTICE_TOPICS[n % len(PRACTICE_TOPICS)]
        title = f"{topic} {w.rng.choice(PRACTICE_SCOPES)} : démarche {codename(n)} (fiche {n + 1})"
        rid = f"{slug(topic)}-{n + 1}"
        created = w.date(FIRST_DAY, dt.date(2026, 6, 30))
        updated = w.date(created, LAST_UPDATE)
        summary = w.sentence()
        targets = w.some(indicators, 3)
        front = [
            f"title: {q(title)}",
            f"summary: {q(summary[:300])}",
            f"status: {w.rng.choice(statuses)}",
            f"services: {qlist(w.some(services, 3))}",
            f"indicators: {qlist([i.id for i in targets])}",
            f"owner: {q(w.rng.choice(ROLES))}",
            f"created: {created.isoformat()}",
            f"updated: {updated.isoformat()}",
            f"review_by: {w.date(REVIEW_FROM, REVIEW_TO).isoformat()}",
            f"tags: {w.tags()}",
            f"visibility: {w.visibility()}",
        ]
        _write(folder / f"{rid}.md", front, w.body(PRACTICE_HEADINGS, (3, 5)))
        ids.append(rid)
    return ids


def _value(w: Writer, ind: Indicator) -> float:
    return round(w.rng.uniform(ind.low, ind.high), ind.decimals)


def _measure(w: Writer, ind: Indicator, improves: bool, period: str) -> list[str]:
    """A measure whose change goes the indicator's better way if ``improves``, else the worse."""
    before = _value(w, ind)
    step = round(before * w.rng.uniform(0.05, 0.35), ind.decimals) or 10.0**-ind.decimals
    better = -step if ind.direction == "decrease" else step
    after = round(before + (better if improves else -better), ind.decimals)
    if ind.decimals == 0:
        before, after = int(before), int(after)
    if ind.unit == "%":
        after = min(after, 100)
    return [
        f"  - indicator: {ind.id}",
        f"    before: {before}",
        f"    after: {after}",
        f"    period: {q(period)}",
    ]


def _rex(
    root: Path,
    count: int,
    services: list[str],
    indicators: list[Indicator],
    practices: list[str],
    w: Writer,
) -> None:
    folder = root / "rex"
    folder.mkdir()
    outcomes = ["success"] * 5 + ["partial"] * 3 + ["failure"] * 2
    statuses = ["validated"] * 7 + ["proposed"] * 2 + ["draft"]
    for n in range(count):
        action = REX_ACTIONS[n % len(REX_ACTIONS)]
        place = w.rng.choice(REX_PLACES)
        date = w.date(FIRST_DAY, LAST_REX_DAY)
        rid = f"{slug(action)}-{date.year}-{n + 1}"
        outcome = w.rng.choice(outcomes)
        visibility = w.visibility()
        front = [
            f"title: {q(f'{action} {place} : projet {codename(n)} ({date.year}, n° {n + 1})')}",
            f"date: {date.isoformat()}",
            f"status: {w.rng.choice(statuses)}",
            f"outcome: {outcome}",
            f"services: {qlist(w.some(services, 2))}",
        ]
        if practices:
            applied = w.rng.sample(practices, w.rng.randint(0, min(3, len(practices))))
            if applied:
                front.append(f"practices: {qlist(applied)}")
        measured = w.rng.sample(indicators, w.rng.randint(0, min(3, len(indicators))))
        if measured:
            front.append("measures:")
            period = f"{date.year - 1} → {date.year}"
            for index, ind in enumerate(measured):
                # success: all better; failure: none better; partial: the first only.
                improves = outcome == "success" or (outcome == "partial" and index == 0)
                front += _measure(w, ind, improves, period)
        lessons = [w.sentence() for _ in range(w.rng.randint(1, 3))]
        front.append("lessons:")
        front += [f"  - {q(lesson)}" for lesson in lessons]
        if visibility == "internal" and w.rng.random() < 0.5:
            authors = [f"{w.rng.choice(FIRST_NAMES)}, {w.rng.choice(ROLES).lower()}"]
        else:
            authors = w.some(ROLES, 2)
        front += [
            f"authors: {qlist(authors)}",
            f"location: {q(w.rng.choice(LOCATIONS))}",
            f"tags: {w.tags()}",
            f"visibility: {visibility}",
        ]
        year_folder = folder / str(date.year)
        year_folder.mkdir(exist_ok=True)
        _write(year_folder / f"{rid}.md", front, w.body(REX_HEADINGS, (2, 4)))


# --- entry points -----------------------------------------------------------------------------


def _prepare(out_dir: Path, force: bool) -> None:
    """Create ``out_dir``; an existing non-empty one is replaced only with ``force``."""
    if out_dir.is_dir() and not any(out_dir.iterdir()):
        return
    if out_dir.exists() or out_dir.is_symlink():
        if not force:
            raise FileExistsError(
                f"{out_dir}: already exists and is not an empty folder (use --force)"
            )
        resolved, cwd = out_dir.resolve(), Path.cwd().resolve()
        if resolved in (Path(resolved.anchor), Path.home(), cwd, *cwd.parents):
            raise ValueError(f"{out_dir}: refusing to replace the root, home or current folder")
        if out_dir.is_dir() and not out_dir.is_symlink():
            shutil.rmtree(out_dir)
        else:
            out_dir.unlink()
    out_dir.mkdir(parents=True)


def generate(out_dir: Path, records: int, seed: int = 1, *, force: bool = False) -> dict[str, int]:
    """Write a valid corpus of ``records`` records into ``out_dir``; return the count per kind.

    ``out_dir`` is created if needed. If it exists and is not empty, `FileExistsError` is
    raised unless ``force`` is true, in which case it is replaced.
    """
    counts = split_counts(records)
    out_dir = Path(out_dir)
    _prepare(out_dir, force)
    w = Writer(random.Random(seed))
    services = _services(out_dir, counts["services"], w)
    indicators = _indicators(out_dir, counts["indicators"], services, w)
    practices = _practices(out_dir, counts["practices"], services, indicators, w)
    _rex(out_dir, counts["rex"], services, indicators, practices, w)
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``generate.py OUT_DIR --records N [--seed S] [--force]``."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="folder to create (the corpus root)")
    parser.add_argument("--records", type=int, default=10_000, help="total number of records")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same files)")
    parser.add_argument("--force", action="store_true", help="replace OUT_DIR if it is not empty")
    args = parser.parse_args(argv)
    try:
        counts = generate(args.out_dir, args.records, args.seed, force=args.force)
    except (FileExistsError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    total = sum(counts.values())
    detail = ", ".join(f"{count} {kind}" for kind, count in counts.items())
    print(f"wrote {total} records to {args.out_dir}: {detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
