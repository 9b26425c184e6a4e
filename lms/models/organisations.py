"""Customer organisations and the per-object permissions on them."""

from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


class Organisation(models.Model):
    """A customer that buys training credits for its staff."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    #: Whether the organisation lets Credence show it anonymised results per
    #: question category (shown only once it also has enough assessments).
    analytics_opt_in = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        permissions = [
            (
                "manage_delegates",
                "Can add, edit and remove the organisation's delegates",
            ),
            ("manage_managers", "Can add and remove the organisation's managers"),
        ]

    def __str__(self):
        return self.name


class OrganisationUserPermission(UserObjectPermissionBase):
    """A permission granted to one person on one organisation.

    A direct foreign key instead of guardian's generic one keeps permission
    look-ups an indexed join.
    """

    content_object = models.ForeignKey(Organisation, on_delete=models.CASCADE)


class OrganisationGroupPermission(GroupObjectPermissionBase):
    """A permission granted to a group on one organisation."""

    content_object = models.ForeignKey(Organisation, on_delete=models.CASCADE)
