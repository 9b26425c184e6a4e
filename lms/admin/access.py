"""Who may use the provider's admin screens: the provider's own active
staff (the "Training team" group, and superusers) with the right model
permissions; customers never, whatever they hold on their organisation."""

from wagtail_modeladmin.helpers import PermissionHelper


def staff_can(user, *perms):
    """Return True if ``user`` is active provider staff holding ``perms``.

    Only model-wide permissions count: a Licence Holder's rights on their
    own organisation do not open the provider's screens.
    """
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and all(user.has_perm(perm) for perm in perms)
    )


class ProviderPermissions(PermissionHelper):
    """Open a listing to staff with its view permission, and each action to
    staff with that action's permission, if the listing offers it at all."""

    #: The actions this listing offers besides viewing the list.
    actions = ()

    def _can(self, user, action):
        perm = f"{self.opts.app_label}.{self.get_perm_codename(action)}"
        return staff_can(user, perm)

    def user_can_list(self, user):
        return self._can(user, "view")

    def user_can_create(self, user):
        return "create" in self.actions and self._can(user, "add")

    def user_can_edit_obj(self, user, obj):
        return "edit" in self.actions and self._can(user, "change")

    def user_can_delete_obj(self, user, obj):
        return False

    def user_can_inspect_obj(self, user, obj):
        return False


class ReadOnlyPermissions(ProviderPermissions):
    """A listing that only shows records: nothing is added, changed or
    deleted through it."""


class OrganisationPermissions(ProviderPermissions):
    """Organisations are added and edited, never deleted: their people and
    ledger refer to them."""

    actions = ("create", "edit")


class PeoplePermissions(ProviderPermissions):
    """People's roles are edited by staff who may also manage managers."""

    actions = ("edit",)

    def user_can_edit_obj(self, user, obj):
        return super().user_can_edit_obj(user, obj) and staff_can(
            user, "lms.manage_managers"
        )
