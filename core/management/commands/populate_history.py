"""simple-history's `populate_history`, across every region: it records the rows of all of them.

The first history record of a row is dated by the row's own `created` (the fixtures carry the date
of the document a row comes from, such as the programme plan), not by the moment of installation,
and is attributed to a named system author: 'stand op datum' then reads the fixtures' state for
every date since, and a project's history says where its first version came from.
"""

from django.contrib.auth import get_user_model

from simple_history.management.commands import populate_history
from simple_history.utils import get_history_manager_for_model

from core.scope import all_regions

SYSTEM_AUTHOR_USERNAME = "brondocumenten"
SYSTEM_AUTHOR_NAME = ("Brondocumenten", "(systeem)")
CHANGE_REASON = "Overgenomen uit de brondocumenten"


def system_author():
    """The inactive account history names for rows loaded from the source documents."""
    user, created = get_user_model().objects.get_or_create(
        username=SYSTEM_AUTHOR_USERNAME,
        defaults={
            "first_name": SYSTEM_AUTHOR_NAME[0],
            "last_name": SYSTEM_AUTHOR_NAME[1],
            "is_active": False,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


class Command(populate_history.Command):
    def handle(self, *args, **options):
        with all_regions():
            self._author = system_author()
            return super().handle(*args, **options)

    def _bulk_history_create(self, model, batch_size):
        history = get_history_manager_for_model(model)
        instances = []
        for instance in model._default_manager.iterator(chunk_size=batch_size):
            created = getattr(instance, "created", None)
            if created is not None:
                instance._history_date = created
            instance._history_user = self._author
            instance._change_reason = CHANGE_REASON
            instances.append(instance)
            if len(instances) >= batch_size:
                history.bulk_history_create(instances, batch_size=batch_size)
                instances = []
        if instances:
            history.bulk_history_create(instances, batch_size=batch_size)
