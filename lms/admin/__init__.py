"""The provider's side of Credence in the Wagtail admin: organisations,
credit purchases, the ledger, balances, and people's roles.

``lms.wagtail_hooks`` registers the screens; forms and views live here.
"""
