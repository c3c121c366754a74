"""The client's address behind the HTTPS proxy, for the login lockout (django-axes).

Behind a proxy every request comes from the proxy's address, so a lockout keyed on REMOTE_ADDR
would let anyone lock a user out for everyone. Each proxy appends the address it received the
request from to ``X-Forwarded-For``; with ``NETRAL_PROXY_COUNT`` proxies in front of the app the
client is the entry that many places from the right. Whatever the client wrote into the header
itself is further left and never read. When ``NETRAL_TRUSTED_PROXIES`` is set, the header is read
only on requests that come from one of those addresses; a request that reached the app some other
way is keyed on the address it came from.
"""

import ipaddress

from django.conf import settings


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _from_trusted_proxy(remote: str) -> bool:
    networks = settings.NETRAL_TRUSTED_PROXIES
    if not networks:
        return True
    if not _is_ip(remote):
        return False
    address = ipaddress.ip_address(remote)
    return any(address in ipaddress.ip_network(net, strict=False) for net in networks)


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.NETRAL_PROXY_COUNT
    if count <= 0 or not _from_trusted_proxy(remote):
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in header.split(",") if hop.strip()]
    if len(hops) < count:
        # Fewer entries than proxies: the request did not come through all of them.
        return remote
    client = hops[-count]
    return client if _is_ip(client) else remote
