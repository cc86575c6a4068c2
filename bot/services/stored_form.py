"""The user document in the form ``Storage.save_user`` takes, serialised once by the model.

Building a JSON-mode dict and then encoding it costs about twice the model's own serialiser
on a document with 60 check-ins, and every state-changing turn and reminder claim saves one
(RELIABILITY D6).
"""

from __future__ import annotations

from pydantic_core import PydanticSerializationError

from bot.domain.models import UserDoc
from bot.storage.base import JsonDoc, JsonText


def stored_form(doc: UserDoc) -> JsonText | JsonDoc:
    """The model's JSON text, or its JSON-mode dict when some text is not UTF-8."""
    try:
        return JsonText(doc.model_dump_json())
    except PydanticSerializationError:
        # A lone surrogate somewhere is not UTF-8; json's ASCII escapes keep it storable.
        return doc.model_dump(mode="json")
