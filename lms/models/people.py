"""People who use Credence: one account per email address."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower


class UserQuerySet(models.QuerySet):
    def managers(self):
        """Return the active company managers and licence holders."""
        return self.filter(
            models.Q(is_company_manager=True) | models.Q(is_licence_holder=True),
            is_active=True,
        )


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    """Create accounts keyed by a case-insensitive email address."""

    use_in_migrations = True

    def get_by_natural_key(self, username):
        """Return the account whose email matches, ignoring case."""
        return self.get(email__iexact=username)

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An account needs an email address.")
        user = self.model(email=normalise_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        """Create an ordinary account."""
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        """Create an account with every permission, for the provider."""
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)


def normalise_email(email):
    """Return an email address trimmed and lower-cased, as it is stored."""
    return (email or "").strip().lower()


class User(AbstractUser):
    """An account; the email address is the sign-in name."""

    class Title(models.TextChoices):
        MR = "Mr", "Mr"
        MRS = "Mrs", "Mrs"
        MS = "Ms", "Ms"
        MISS = "Miss", "Miss"
        MX = "Mx", "Mx"
        DR = "Dr", "Dr"
        PROF = "Prof", "Prof"

    username = None
    email = models.EmailField("email address", max_length=254, unique=True)
    title = models.CharField(max_length=10, choices=Title.choices, blank=True)
    first_name = models.CharField("first name", max_length=100)
    last_name = models.CharField("family name", max_length=100)
    organisation = models.ForeignKey(
        "lms.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        help_text="Empty for the provider's own staff.",
    )
    is_delegate = models.BooleanField("delegate", default=False)
    is_company_manager = models.BooleanField("company manager", default=False)
    is_licence_holder = models.BooleanField("licence holder", default=False)
    #: Set when the provider disables an account, for example one renamed to
    #: hand its credit to somebody else; the reason is kept in the audit.
    disabled_at = models.DateTimeField(null=True, blank=True)
    #: When the person confirmed their details and privacy choices at first
    #: sign-in; until then a delegate sees nothing else.
    details_confirmed_at = models.DateTimeField(null=True, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            # Addresses are stored lower-cased; this guards any other path.
            models.UniqueConstraint(Lower("email"), name="lms_user_email_ci_unique"),
            # Every customer role belongs to an organisation.
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False)
                | models.Q(
                    is_delegate=False, is_company_manager=False, is_licence_holder=False
                ),
                name="lms_user_roles_need_organisation",
            ),
        ]
        # One index per sort order of the manager's people list, led by the
        # organisation, so a page is read in order instead of sorted whole.
        indexes = [
            models.Index(
                fields=["organisation", "last_name", "first_name", "id"],
                name="lms_user_org_name_idx",
            ),
            models.Index(
                fields=["organisation", "email"], name="lms_user_org_email_idx"
            ),
            models.Index(
                fields=["organisation", "-date_joined", "-id"],
                name="lms_user_org_joined_idx",
            ),
            models.Index(
                fields=["organisation", "-last_login", "-id"],
                name="lms_user_org_login_idx",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or f"Account {self.pk}"

    def clean(self):
        super().clean()
        self.email = normalise_email(self.email)

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    @property
    def is_manager(self):
        """Return True for a company manager or a licence holder."""
        return self.is_company_manager or self.is_licence_holder

    @property
    def details_locked(self):
        """Return True once the person has submitted an assessment attempt.

        From then on their name and email change only by request, so that
        a result cannot pass to somebody else.
        """
        return self.enrolments.filter(first_attempt_at__isnull=False).exists()

    def role_labels(self):
        """Return the names of the customer roles this person holds."""
        roles = (
            (self.is_licence_holder, "Licence holder"),
            (self.is_company_manager, "Company manager"),
            (self.is_delegate, "Delegate"),
        )
        return [label for held, label in roles if held]

    def get_full_name(self):
        """Return the name as printed on certificates: title, first, family."""
        return " ".join(p for p in (self.title, self.first_name, self.last_name) if p)
