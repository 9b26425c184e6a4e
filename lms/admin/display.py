"""How the provider's screens describe people and their accounts."""


def account_status(person):
    """Return whether ``person`` can sign in, in a few words."""
    if person.disabled_at is not None:
        return "Disabled"
    if not person.is_active:
        return "Closed"
    if person.last_login is None:
        return "Active, not signed in yet"
    return "Active"


#: Customer roles, most senior first, as the provider's screens name them.
ROLES = (
    ("is_licence_holder", "Licence Holder"),
    ("is_company_manager", "Company Manager"),
    ("is_delegate", "Delegate"),
)


def roles_text(person):
    """Return the person's customer roles as one line."""
    return ", ".join(label for role, label in ROLES if getattr(person, role)) or (
        "No role"
    )
