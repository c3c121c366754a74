"""The investigators' admin for cases, by what it shows: the case (``case``, with its
``inlines``, ``forms``, ``filters``, ``display``, the action ``pages`` and the ``intake``), the
logs (``logs``) and the reference data (``reference``)."""

from apps.cases.admin import case, logs, reference

__all__ = ["case", "logs", "reference"]
