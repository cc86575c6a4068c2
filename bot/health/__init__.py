"""Health signals, alerts and their HTTP endpoints (RELIABILITY O1).

- ``metrics``: ``Health``, the process's Prometheus metrics, and ``current`` / ``install``;
- ``alerts``: the pure rules (``evaluate``) over two ``Snapshot``s;
- ``monitor``: ``AlertMonitor``, which evaluates every 30 s and logs / notifies transitions;
- ``http``: ``/metrics`` and ``/healthz``.
"""

from bot.health.alerts import ALERT_NAMES, Alert, AlertRules, Snapshot, evaluate
from bot.health.metrics import NOT_PAGING_ERRORS, Health, current, install
from bot.health.monitor import AlertMonitor

__all__ = [
    "ALERT_NAMES",
    "NOT_PAGING_ERRORS",
    "Alert",
    "AlertMonitor",
    "AlertRules",
    "Health",
    "Snapshot",
    "current",
    "evaluate",
    "install",
]
