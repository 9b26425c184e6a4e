"""Where other apps tell privacy about the personal data they hold and the
actions the training team may take on an account.

Privacy imports no other Credence app: apps register here from their
``AppConfig.ready()``.
"""

from dataclasses import dataclass

_personal_data = {}
_account_actions = {}


@dataclass(frozen=True)
class AccountAction:
    """An action the training team can take on a person's account from an
    identity change, such as disabling it.

    ``handler`` is called as ``handler(actor=..., person=..., reason=...)``
    and raises ``PermissionDenied`` or ``ValidationError`` to refuse.
    """

    name: str
    label: str
    handler: object


def register_personal_data(name, exporter):
    """Register ``exporter(person)``, returning the person's data held
    under ``name`` as JSON-ready values, for the personal-data export."""
    if name in _personal_data and _personal_data[name] is not exporter:
        raise ValueError(f"Personal data {name!r} is already registered.")
    _personal_data[name] = exporter


def personal_data_exporters():
    """Return the registered exporters by name, in registration order."""
    return dict(_personal_data)


def register_account_action(name, label, handler):
    """Register an action on an account, offered on identity changes."""
    action = AccountAction(name=name, label=label, handler=handler)
    existing = _account_actions.get(name)
    if existing is not None and existing.handler is not handler:
        raise ValueError(f"Account action {name!r} is already registered.")
    _account_actions[name] = action


def account_actions():
    """Return the registered account actions, in registration order."""
    return list(_account_actions.values())


def get_account_action(name):
    """Return the account action called ``name``, or None."""
    return _account_actions.get(name)


_retention_rules = {}


@dataclass(frozen=True)
class RetentionRule:
    """How long one kind of personal data is kept, and how to remove it.

    ``purge(cutoff)`` deletes what is older than ``cutoff`` and returns how
    many records it removed.
    """

    name: str
    keep: object
    purge: object
    description: str


def register_retention(name, *, keep, purge, description):
    """Register a retention rule; ``keep`` is a ``datetime.timedelta``."""
    rule = RetentionRule(name=name, keep=keep, purge=purge, description=description)
    existing = _retention_rules.get(name)
    if existing is not None and existing.purge is not purge:
        raise ValueError(f"Retention rule {name!r} is already registered.")
    _retention_rules[name] = rule


def retention_rules():
    """Return the registered retention rules, in registration order."""
    return list(_retention_rules.values())
