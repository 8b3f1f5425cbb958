"""Log lines name the client by the same rule as the throttle and the lockout (config/client_address.py)."""

import logging

from config.client_address import client_ip


class ClientAddressFilter(logging.Filter):
    """Adds ``client_ip`` to every record: the address of the request it was logged for, or "-"."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        meta = getattr(request, "META", None)
        record.client_ip = client_ip(request) if meta is not None else "-"
        return True
