"""Phone numbers: validated with `phonenumbers`, shown in Dutch notation, linked as E.164."""
from __future__ import annotations

from functools import lru_cache

import phonenumbers
from phonenumbers import shortnumberinfo

# Dutch convention writes free and paid service numbers with a hyphen: 0800-2000, 0900-8844.
_SERVICE_PREFIXES = ("0800", "0900", "0906", "0909")


class PhoneError(ValueError):
    """A phone number that cannot be published; the message says why."""


def parse_dutch_number(raw: str) -> phonenumbers.PhoneNumber:
    """Parse a number written as a Dutch reader would; refuse invalid and foreign numbers."""
    try:
        number = phonenumbers.parse(raw, "NL")
    except phonenumbers.NumberParseException as exc:
        raise PhoneError(f"'{raw}' is not a phone number ({exc})") from None
    digits = phonenumbers.national_significant_number(number)
    if len(digits) <= 3:
        if shortnumberinfo.is_valid_short_number_for_region(number, "NL"):
            return number
        raise PhoneError(f"'{raw}' is not a valid Dutch short number")
    region = phonenumbers.region_code_for_number(number)
    if region != "NL":
        raise PhoneError(f"'{raw}' is a {region or 'non-Dutch'} number, not a Dutch one")
    if not phonenumbers.is_valid_number(number):
        raise PhoneError(f"'{raw}' is not a valid Dutch number (wrong length or prefix)")
    return number


def is_short(raw: str) -> bool:
    """112, 113 …: national short numbers (never a local team's own number)."""
    return len(phonenumbers.national_significant_number(parse_dutch_number(raw))) <= 3


def is_free(raw: str) -> bool:
    """True for numbers that cost the caller nothing: 0800 numbers and free short numbers (112)."""
    number = parse_dutch_number(raw)
    if is_short(raw):
        return shortnumberinfo.expected_cost_for_region(number, "NL") == shortnumberinfo.ShortNumberCost.TOLL_FREE
    return phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.TOLL_FREE


@lru_cache(maxsize=None)
def display(raw: str) -> str:
    """Dutch notation for people: '0800-2000', '020 555 5961', '112'."""
    number = parse_dutch_number(raw)
    digits = phonenumbers.national_significant_number(number)
    if len(digits) <= 3:
        return digits
    text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    if text.startswith(_SERVICE_PREFIXES):
        text = text.replace(" ", "-", 1).replace(" ", "")
    return text


@lru_cache(maxsize=None)
def tel_href(raw: str) -> str:
    """A `tel:` link target: E.164 for ordinary numbers, the bare digits for short numbers."""
    number = parse_dutch_number(raw)
    digits = phonenumbers.national_significant_number(number)
    if len(digits) <= 3:
        return f"tel:{digits}"
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
