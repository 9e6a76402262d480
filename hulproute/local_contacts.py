"""Checks on data/local_contacts.yaml that make a published local number trustworthy.

A contact that shows a phone number or a website must carry the exact words of its source page
(`quote`) containing that number or website, and the source must be an official page: the
municipality's own site or the organisation's own site (data/official_domains.yaml, where a
reviewer sees who owns each domain). Messages are in Dutch: municipal staff fix their own entries.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable

from hulproute.schema import LocalContact, OfficialDomain
from hulproute.urls import site_host

Report = Callable[[str, str, str, str], None]  # (record, field, problem, fix), in Dutch




def _under(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def official_owner(url: object, domains: Iterable[OfficialDomain]) -> OfficialDomain | None:
    host = site_host(url)
    return next((d for d in domains if _under(host, d.domain)), None)


def check(contacts: list[tuple[str, LocalContact]], domains: list[OfficialDomain], report: Report) -> None:
    """Report every published contact whose quote or source does not bear out what it shows."""
    for record, contact in contacts:
        if not contact.published:
            continue
        source_host = site_host(contact.source.url)
        if official_owner(contact.source.url, domains) is None:
            report(record, "source.url",
                   f"de bron ({source_host}) is geen site van een gemeente of van de organisatie zelf",
                   "gebruik een pagina op de eigen site van de gemeente of van de organisatie; staat die site nog "
                   "niet in data/official_domains.yaml, voeg hem daar toe met de eigenaar (de reviewer controleert dat)")
        quote = contact.quote or ""
        if not quote.strip():
            report(record, "quote", "dit contact toont een telefoonnummer of website, maar heeft geen 'quote'",
                   "kopieer de precieze woorden van de bronpagina waarin het nummer of de website staat, en waarvoor "
                   "het is, naar quote: \"…\"")
            continue
        if contact.phone and digits(contact.phone) not in digits(quote):
            report(record, "quote", f"het nummer {contact.phone} staat niet in de quote",
                   "kopieer de zin van de bron waarin precies dit nummer staat, of verbeter phone")
        if contact.website:
            site = site_host(contact.website)
            if site not in quote.lower() and not _under(source_host, site) and not _under(site, source_host):
                report(record, "quote", f"de website {site} staat niet in de quote, en de bron is niet die website zelf",
                       "kopieer de zin van de bron waarin de website staat, of gebruik een pagina van die website als bron")
