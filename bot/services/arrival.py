""" "Has your baby arrived?": asked when a pregnant user's due date passed some time ago.

The bot never moves anyone to another stage by itself: it asks, at the start of a check-in
or on ``/start``, and the answers lead to the usual stage buttons ("after birth" then asks
the day of the birth; "my pregnancy has ended" answers with condolence first). "Not yet"
keeps the pregnancy and the question rests for a while. How long after the due date it is
asked, and how long it rests, are content (``content/arrival.yaml``).
"""

from __future__ import annotations

from bot.domain.flow import CHECKIN
from bot.services.turn import Turn


def due(turn: Turn) -> bool:
    """True when the user is pregnant, the due date passed ``ask_after_days`` ago or more, and
    "not yet" was not answered in the last ``ask_again_days`` (``content/arrival.yaml``)."""
    doc = turn.doc
    times = turn.deps.catalog.arrival
    if doc is None or doc.profile.status != "pregnant" or doc.profile.due_date is None:
        return False
    if (turn.today - doc.profile.due_date).days < times.ask_after_days:
        return False
    asked = doc.profile.still_pregnant_on
    return asked is None or (turn.today - asked).days >= times.ask_again_days


def ask(turn: Turn, *, then: str, edit: bool = False) -> None:
    """Ask whether the baby has arrived; ``then``: what "not yet" goes on to (``checkin``
    starts the check-in the user asked for, ``menu`` shows the main menu). The question
    replaces a waiting onboarding or reminder prompt (its keyboard is closed); a running
    check-in stays as it is."""
    assert turn.doc is not None
    state = turn.doc.state
    if state is not None and state.flow != CHECKIN:
        turn.close_keyboard(state.message_id)
        turn.doc.state = None
        turn.touch()
    turn.say(
        turn.t("arrival.ask"),
        [
            [turn.button("arrival.born", "ob:status:postpartum")],
            [turn.button("status.after_loss", "ob:status:after_loss")],
            [turn.button("arrival.not_yet", f"arr:wait:{then}")],
        ],
        edit=edit,
    )


def still_pregnant(turn: Turn) -> None:
    """ "Not yet": the pregnancy stays and the question rests for ``ask_again_days``."""
    assert turn.doc is not None
    turn.doc.profile.still_pregnant_on = turn.today
    turn.touch()
