"""Where a candidate lives in time: the zone their phone number tells, when it tells one.

The API keeps no time zone for a candidate, yet a call at 07:00 their time is a call nobody
answers. A phone number's country (and for some countries its area) names a zone; when it names
several (the United States, Russia) we say nothing rather than guess.
"""

from __future__ import annotations

import phonenumbers
from phonenumbers import timezone as phone_zones


def candidate_zone(phone: str | None) -> str | None:
    """The IANA zone of a phone number when it tells one unambiguously, else None."""
    try:
        number = phonenumbers.parse(phone or "")
    except phonenumbers.NumberParseException:
        return None
    zones = [zone for zone in phone_zones.time_zones_for_number(number) if zone != "Etc/Unknown"]
    return zones[0] if len(zones) == 1 else None
