"""Dutch wording of data problems, for files that municipal staff edit (data/local_contacts.yaml).

The loader phrases every problem in English for the developers' files. A municipal employee who
corrects their own entry gets the same facts in Dutch: file, entry, field, what is wrong and the
fix. Each English message has one pattern here; `translate` returns None for a message without
one, and tests/test_local_contacts.py fails on that, so a new check cannot stay English.
"""
from __future__ import annotations

import re
from typing import Optional

# Files whose problems are reported in Dutch (paths as DataProblem.file writes them).
DUTCH_FILES = ("data/local_contacts.yaml",)

# (English problem or fix as a regex, Dutch template with the same groups). Order matters: the
# first match wins, so specific messages stand before general ones.
_PATTERNS: list[tuple[str, str]] = [
    # whole-file problems (hulproute/datafiles.py, loader._read_list)
    (r"the file does not exist", "het bestand bestaat niet"),
    (r"create it or restore it from git \(see README\)", "maak het aan of zet het terug uit git (zie README)"),
    (r"the file is not UTF-8 \(byte (0x[0-9a-f]+) on line (\d+)\)", r"het bestand is niet in UTF-8 opgeslagen (byte \1 op regel \2)"),
    (r"save the file as UTF-8 .*", "sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan met codering' > UTF-8)"),
    (r"the file holds no data .*", "het bestand bevat geen gegevens (het is leeg of heeft alleen commentaar)"),
    (r"restore its content from git .*", "zet de inhoud terug uit git (git checkout -- data/local_contacts.yaml); geen contacten schrijf je als 'contacts: []'"),
    (r"this file uses a YAML alias: (.*)", r"dit bestand gebruikt een YAML-alias: \1"),
    (r"write the value out in full where it is used; .*", "schrijf de waarde voluit op de plek waar je hem gebruikt; aliassen (*naam) mogen niet"),
    (r"this is not valid YAML: (.*)", r"dit is geen geldige YAML: \1"),
    (r"check indentation and quotes on that line; .*", "controleer de inspringing en de aanhalingstekens op die regel; een waarde met ':' of '#' moet tussen aanhalingstekens"),
    (r"the file has no top-level '(\w+):' list", r"het bestand begint niet met de lijst '\1:'"),
    (r"start the file with '(\w+):'", r"begin het bestand met '\1:'"),
    (r"'(\w+)' has no records", r"'\1' bevat geen vermeldingen"),
    (r"add the records as '- ' items under '(\w+):'; if there really are none, write '(.*)'",
     r"zet de vermeldingen als '- ' onder '\1:'; zijn er echt geen, schrijf dan '\2'"),
    (r"'(\w+)' is not a list", r"'\1' is geen lijst"),
    (r"write each record as a '- ' item under it", "schrijf elke vermelding als een regel met '- ' eronder"),
    # pydantic field errors (loader._fix_for)
    (r"is missing", "ontbreekt"),
    (r"add '(\w+)' to this record", r"voeg '\1' toe aan deze vermelding"),
    (r"is not a known field", "is geen bekend veld"),
    (r"remove it or correct its spelling; allowed fields: (.*)", r"haal het weg of verbeter de spelling; toegestane velden: \1"),
    (r"has the wrong form(.*)", r"heeft niet de goede vorm\1"),
    (r"write a value like (.*)", r"schrijf een waarde zoals \1"),
    (r"is not an allowed value(.*)", r"is geen toegestane waarde\1"),
    (r"is not a web address(.*)", r"is geen webadres\1"),
    (r"write a full address starting with https://", "schrijf een volledig adres dat begint met https://"),
    (r"is not a date(.*)", r"is geen datum\1"),
    (r"write the date as YYYY-MM-DD, e\.g\. (.*)", r"schrijf de datum als JJJJ-MM-DD, bijvoorbeeld \1"),
    (r"is not true or false(.*)", r"is niet true of false\1"),
    (r"write true or false", "schrijf true of false"),
    (r"is not text(.*)", r"is geen tekst\1"),
    (r"put the value in quotes, e\.g\. (.*)", r"zet de waarde tussen aanhalingstekens, bijvoorbeeld \1"),
    (r"is empty", "is leeg"),
    (r"give at least one item \(or a non-empty text\)", "geef minstens één waarde (of een tekst die niet leeg is)"),
    (r"has the wrong structure(.*)", r"heeft niet de goede opbouw\1"),
    (r"compare with a correct record in the same file", "vergelijk met een goede vermelding in hetzelfde bestand"),
    # validators (hulproute/schema.py, hulproute/phones.py)
    (r"'(.*)' is not a phone number \((.*)\)", r"'\1' is geen telefoonnummer (\2)"),
    (r"'(.*)' is not a valid Dutch short number", r"'\1' is geen geldig kort Nederlands nummer"),
    (r"'(.*)' is a (.*) number, not a Dutch one", r"'\1' is een nummer uit \2, geen Nederlands nummer"),
    (r"'(.*)' is a non-Dutch number, not a Dutch one", r"'\1' is geen Nederlands nummer"),
    (r"'(.*)' is not a valid Dutch number \(wrong length or prefix\)", r"'\1' is geen geldig Nederlands nummer (verkeerde lengte of begin)"),
    (r"write a Dutch number as the source shows it, e\.g\. (.*)", r"schrijf het nummer zoals de bron het toont, bijvoorbeeld \1"),
    (r"'(.*)' is a short national number, not a local one", r"'\1' is een kort landelijk nummer, geen lokaal nummer"),
    (r"use national_line: <service id> for a national line \(112, 113 …\), or write the team's own full number",
     "gebruik national_line: <id van de dienst> voor een landelijk nummer (112, 113 …), of schrijf het volledige eigen nummer van het team"),
    (r"'(.*)' is not https", r"'\1' begint niet met https"),
    (r"write the address with https:// .*", "schrijf het adres met https:// (de verbinding van lezers moet privé zijn)"),
    (r"'(.*)' is not a slug", r"'\1' is geen geldige id"),
    (r"use lower-case letters, digits and single hyphens, e\.g\. (.*)", r"gebruik kleine letters, cijfers en losse streepjes, bijvoorbeeld \1"),
    (r"'(.*)' has no letters", r"'\1' bevat geen letters"),
    (r"write the full name, e\.g\. (.*)", r"schrijf de volledige naam, bijvoorbeeld \1"),
    (r"(\S+) lies in the future", r"\1 ligt in de toekomst"),
    (r"use the date the check was actually done \(YYYY-MM-DD\)", "schrijf de dag waarop je het echt hebt gecontroleerd (JJJJ-MM-DD)"),
    (r"'(.*)' is not a date", r"'\1' is geen datum"),
    (r"write YYYY, YYYY-MM or YYYY-MM-DD, e\.g\. (.*)", r"schrijf JJJJ, JJJJ-MM of JJJJ-MM-DD, bijvoorbeeld \1"),
    (r"'(.*)' is not a real calendar date", r"'\1' bestaat niet in de kalender"),
    (r"check month and day", "controleer maand en dag"),
    (r"source date (\S+) lies in the future", r"de datum van de bron (\1) ligt in de toekomst"),
    (r"use the date printed on the source", "schrijf de datum die op de bron staat"),
    # cross-checks (loader, hulproute/local_contacts.py)
    (r"unknown municipality (\S+)", r"onbekende gemeente \1"),
    (r"use a code from data/municipalities\.csv", "gebruik een code uit data/municipalities.csv (bijvoorbeeld GM0736 voor De Ronde Venen)"),
    (r"unknown national service '(.*)'", r"onbekende landelijke dienst '\1'"),
    (r"use an id from data/national_services\.yaml \((.*)\)", r"gebruik een id uit data/national_services.yaml (\1)"),
    (r"(.*) is the national number of '(.*)'", r"\1 is het landelijke nummer van '\2'"),
    (r"remove phone and write national_line: (\S+) .*", r"haal phone weg en schrijf national_line: \1 (een landelijk nummer staat maar op één plek)"),
    (r"has both its own phone and a national_line", "heeft zowel een eigen phone als een national_line"),
    (r"keep national_line only: .*", "houd alleen national_line: een landelijk nummer staat maar op één plek, in national_services.yaml"),
    (r"id '(.*)' is used twice \(first at (.*)\)", r"id '\1' wordt twee keer gebruikt (eerst bij \2)"),
    (r"give each contact its own id", "geef elk contact een eigen id"),
    # the literal-error fix is the most general 'use …': last
    (r"use (.*)", r"kies uit: \1"),
]
_COMPILED = [(re.compile(rf"^{pattern}$", re.S), template) for pattern, template in _PATTERNS]


def translate(message: str) -> Optional[str]:
    """The Dutch wording of one English problem or fix, or None if there is none yet."""
    if not re.search(r"[A-Za-z]", message):
        return message
    for pattern, template in _COMPILED:
        match = pattern.match(message)
        if match:
            return match.expand(template).replace(" (found ", " (gevonden ")
    return None
