#!/usr/bin/env python3
"""Import the shared reference tables into data/ (the project's own format).

Why a script: the shared tables (CBS municipalities and regions, BAG places, PDOK postcodes, the
pilot contact collection) are updated upstream; re-running this keeps our copy reproducible.

    python scripts/import_reference_data.py                  # municipalities, places, postcodes
    python scripts/import_reference_data.py --pilot-contacts # also (re)write data/local_contacts.yaml

Stored slugs are never regenerated for an existing municipality: published URLs must not move.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import OrderedDict
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hulproute.slugs import slugify  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
DATA = ROOT / "data"

# Rules from shared/data/README.md: a phone is published only when the collector's note does not
# cast doubt on it. These phrases in the note withhold the number (kept in data, not shown).
DOUBT_MARKERS = (
    "WEAKLY VERIFIED",
    "not confirmed",
    "Not confirmed",
    "does NOT say",
    "not stated to be",
    "sub-site",
)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def existing_rows() -> dict[str, dict[str, str]]:
    """Hand-kept columns (slug, also_known_as) survive a re-import."""
    path = DATA / "municipalities.csv"
    if not path.exists():
        return {}
    return {row["code"]: row for row in read_csv(path)}


def import_municipalities() -> None:
    rows = read_csv(SHARED / "derived" / "gemeente_regios_2025.csv")
    keep = existing_rows()
    out = []
    for row in sorted(rows, key=lambda r: r["gm_code"]):
        code = row["gm_code"]
        old = keep.get(code, {})
        out.append([code, row["gm_naam"], old.get("slug") or slugify(row["gm_naam"]),
                    row["provincie"], row["veiligthuisregio_code"], old.get("also_known_as", "")])
    header = ["code", "name", "slug", "province", "veilig_thuis_region", "also_known_as"]
    write_csv(DATA / "municipalities.csv", header, out)
    print(f"data/municipalities.csv: {len(out)} municipalities")


def import_places() -> None:
    rows = read_csv(SHARED / "derived" / "woonplaats_gemeente.csv")
    out = [[r["woonplaats"], r["gm_code"]] for r in rows]
    write_csv(DATA / "places.csv", ["place", "municipality"], out)
    print(f"data/places.csv: {len(out)} places")


def import_postcodes() -> None:
    rows = read_csv(SHARED / "derived" / "pc4_gemeente.csv")
    out = []
    for r in rows:
        others = ";".join(part.split(":")[0] for part in r["overige_gemeenten"].split(";") if part)
        out.append([r["pc4"], r["gm_code"], r["aandeel"], others])
    write_csv(DATA / "postcodes.csv", ["pc4", "municipality", "share", "other_municipalities"], out)
    print(f"data/postcodes.csv: {len(out)} postcodes")


def _partial_date(text: str) -> str | None:
    return text.strip() or None


def import_pilot_contacts(checked_on: date) -> None:
    """Group the per-municipality rows into one entry per organisation (every contact once)."""
    names = {r["name"]: r["code"] for r in read_csv(DATA / "municipalities.csv")}
    rows = read_csv(SHARED / "local" / "pilot_contacts.csv")
    grouped: "OrderedDict[tuple, dict]" = OrderedDict()
    for r in rows:
        if not r["org_name"] or not r["source_url"]:
            continue  # placeholders and unsourced rows are not imported (shared README)
        if r["kind"] == "veilig_thuis":
            continue  # lives on the region in data/veilig_thuis_regions.yaml
        if r["kind"] == "csg" and "not verified" in r["org_name"]:
            continue  # location unknown: the national line covers it
        kind = {"campaign": "regional_info"}.get(r["kind"], r["kind"])
        key = (kind, r["org_name"], r["phone"], r["website"], r["source_url"], r["note"])
        entry = grouped.get(key)
        if entry is None:
            entry = {"id": "", "kind": kind, "name": r["org_name"]}
            phone = r["phone"].strip()
            if kind == "csg":
                entry["national_line"] = "centrum-seksueel-geweld"
            elif phone and any(marker in r["note"] for marker in DOUBT_MARKERS):
                entry["phone_unverified"] = phone
            elif phone:
                entry["phone"] = phone
            if r["website"]:
                entry["website"] = r["website"]
            entry["source"] = {"url": r["source_url"], "date": _partial_date(r["source_date"])}
            entry["checked_on"] = checked_on
            entry["caveat"] = r["note"]
            entry["municipalities"] = []
            grouped[key] = entry
        entry["municipalities"].append(names[r["gm_name"]])
    used: set[str] = set()
    for entry in grouped.values():
        base = slugify(entry["name"])[:48].rsplit("-", 1)[0] if len(slugify(entry["name"])) > 48 else slugify(entry["name"])
        ident, n = base, 2
        while ident in used:
            ident, n = f"{base}-{n}", n + 1
        used.add(ident)
        entry["id"] = ident
    doc = {"contacts": list(grouped.values())}
    header = (
        "# Local help contacts, one entry per organisation, with the municipalities it serves.\n"
        "# Imported from shared/data/local/pilot_contacts.csv; see data/SOURCES.md and README\n"
        "# ('Adding a municipality's local contacts'). phone_unverified is kept for the data\n"
        "# report and never published. caveat is for editors; it is not shown on the site.\n"
    )
    text = yaml.dump(doc, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True, width=100)
    (DATA / "local_contacts.yaml").write_text(header + text, encoding="utf-8")
    print(f"data/local_contacts.yaml: {len(grouped)} contacts")


class _NoAliasDumper(yaml.SafeDumper):
    """Data files refuse YAML aliases (hulproute/datafiles.py): write shared values out in full."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pilot-contacts", action="store_true", help="also rewrite data/local_contacts.yaml")
    parser.add_argument("--checked-on", type=date.fromisoformat, default=date.today(),
                        help="date the imported contacts were compared with their sources (default today)")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"error: {SHARED} not found; the shared reference folder must sit beside the project", file=sys.stderr)
        return 2
    DATA.mkdir(exist_ok=True)
    import_municipalities()
    import_places()
    import_postcodes()
    if args.pilot_contacts:
        import_pilot_contacts(args.checked_on)
    return 0


if __name__ == "__main__":
    sys.exit(main())
