"""Training credits: an append-only ledger and a balance that cannot go
below zero."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class CreditAccount(models.Model):
    """An organisation's credits for one course.

    ``balance`` is the sum of the account's ledger entries, kept on the row
    so that it can be locked and checked by the database itself.
    """

    organisation = models.ForeignKey(
        "lms.Organisation", on_delete=models.PROTECT, related_name="credit_accounts"
    )
    course = models.ForeignKey(
        "lms.CoursePage", on_delete=models.PROTECT, related_name="credit_accounts"
    )
    balance = models.IntegerField(default=0)

    class Meta:
        ordering = ["organisation", "course"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "course"], name="lms_credit_account_unique"
            ),
            models.CheckConstraint(
                condition=Q(balance__gte=0), name="lms_credit_balance_not_negative"
            ),
        ]

    def __str__(self):
        return f"Credit account {self.pk}"


class CreditEntry(models.Model):
    """One movement of credits; entries are never changed or deleted."""

    class Kind(models.TextChoices):
        PURCHASE = "purchase", "Purchase"
        ALLOCATION = "allocation", "Allocation to a delegate"
        RETURN = "return", "Return of an unused credit"
        FORFEIT = "forfeit", "Forfeit"
        ADJUSTMENT = "adjustment", "Manual adjustment"

    account = models.ForeignKey(
        CreditAccount, on_delete=models.PROTECT, related_name="entries"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    #: Credits added (positive) or taken (negative); a forfeit moves none.
    quantity = models.IntegerField()
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="credit_entries",
    )
    reference = models.CharField(
        max_length=100, blank=True, help_text="Order or invoice number of a purchase."
    )
    reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "credit entries"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="purchase", quantity__gt=0)
                    | Q(kind="allocation", quantity=-1)
                    | Q(kind="return", quantity=1)
                    | Q(kind="forfeit", quantity=0)
                    | (Q(kind="adjustment") & ~Q(quantity=0))
                ),
                name="lms_credit_entry_quantity_fits_kind",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.quantity:+d}"


class CreditRequest(models.Model):
    """A delegate's request for a credit on another course."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a manager"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"

    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="credit_requests",
    )
    course = models.ForeignKey(
        "lms.CoursePage", on_delete=models.CASCADE, related_name="+"
    )
    message = models.TextField(blank=True, max_length=1000)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["delegate", "course"],
                condition=Q(status="pending"),
                name="lms_credit_request_one_pending",
            )
        ]

    def __str__(self):
        return f"Credit request {self.pk}"
