"""The address a request came from, as far as this deployment can vouch for it.

Rate limits and sign-in lockouts count per address, so the address must be one a client cannot
choose. REMOTE_ADDR is whatever opened the connection to the application server: behind nginx or
a load balancer that is the proxy, and every resident would share one limit. Each proxy appends
the address it saw to X-Forwarded-For, after whatever the client itself wrote there, so only the
entries our own proxies added can be believed, and they are the rightmost ones.

`OPENCEX_TRUSTED_PROXY_HOPS` says how many proxies in front of the application append to the
header: with N, the client is the Nth entry from the right. With 0 (the default: `make run`, no
proxy) the header is ignored. The leftmost entry is never used on its own account: it is exactly
the part the client controls.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's IP address, written in one canonical way (so that `::FFFF:192.0.2.1`,
    `192.0.2.1` and `0:0::ffff:c000:201` are one client), or '' if nothing trustworthy is known."""
    hops = settings.OPENCEX_TRUSTED_PROXY_HOPS
    if hops > 0:
        forwarded = [
            entry.strip()
            for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if entry.strip()
        ]
        # Fewer entries than proxies: the request skipped a proxy, so what is there may be the
        # client's own words. The connecting address is then the only one we can vouch for.
        if len(forwarded) >= hops:
            address = canonical_address(forwarded[-hops])
            if address:
                return address
    return canonical_address(request.META.get("REMOTE_ADDR", ""))


def canonical_address(text: str) -> str:
    """`text` as an IP address in its shortest standard form, or '' if it is not one."""
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return ""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    return str(address)
