"""Operations of the training service.

Each operation checks the actor's permission first, then makes its change
inside one transaction, and raises a named exception from
``lms.exceptions`` that views turn into a message.
"""
