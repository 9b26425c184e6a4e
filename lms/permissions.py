"""Who may manage what: guardian grants on organisations, kept in step
with the roles on each person, and the querysets scoped from them."""

from guardian.shortcuts import assign_perm, get_objects_for_user, remove_perm

from lms.exceptions import NotPermitted
from lms.models import Organisation, User

MANAGE_DELEGATES = "lms.manage_delegates"
MANAGE_MANAGERS = "lms.manage_managers"

#: The object permissions each customer role carries on its organisation.
ROLE_PERMISSIONS = {
    "is_company_manager": (MANAGE_DELEGATES,),
    "is_licence_holder": (MANAGE_DELEGATES, MANAGE_MANAGERS),
}


def sync_role_permissions(person):
    """Grant or withdraw ``person``'s rights on their organisation to match
    their roles."""
    if person.organisation_id is None:
        return
    wanted = set()
    if person.is_active:
        for role, perms in ROLE_PERMISSIONS.items():
            if getattr(person, role):
                wanted.update(perms)
    for perm in (MANAGE_DELEGATES, MANAGE_MANAGERS):
        if perm in wanted:
            assign_perm(perm, person, person.organisation)
        else:
            remove_perm(perm, person, person.organisation)


def organisations_managed_by(user, perm=MANAGE_DELEGATES):
    """Return the organisations on which ``user`` holds ``perm`` itself.

    Global permissions do not count: the provider's staff work in the
    admin, and the portal shows a manager their own organisation only.
    """
    if not user.is_authenticated:
        return Organisation.objects.none()
    return get_objects_for_user(
        user, perm, klass=Organisation, with_superuser=False, accept_global_perms=False
    )


def people_managed_by(user):
    """Return everyone in the organisations ``user`` manages."""
    return User.objects.filter(organisation__in=organisations_managed_by(user))


def require(user, perm, organisation):
    """Raise NotPermitted unless ``user`` holds ``perm`` on ``organisation``.

    A global permission (the provider's staff) also passes here, so that
    the same operations serve the provider's admin screens.
    """
    allowed = user.is_active and (
        user.has_perm(perm) or user.has_perm(perm, organisation)
    )
    if not allowed:
        raise NotPermitted("You do not have permission to manage this organisation.")
