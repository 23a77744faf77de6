"""Campaign sequences: generated steps for seeded campaigns, and saving a new sequence.

Steps and variants are stored as the JSON ``GET /campaigns/{id}/sequences`` returns. Saving
replaces the whole sequence, as SmartLead's editor does: steps and variants that carry an
``id`` update that record (keeping its ``created_at``), those without one are created.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ._accounts import Ids
from ._campaigns import Campaign
from ._data import SUBJECTS, iso_ms, pick

__all__ = [
    "StepInput", "UnknownId", "VariantInput", "copy_sequence", "generate_sequence", "save_sequence",
]


class VariantInput(NamedTuple):
    """One A/B variant of a step to save."""

    id: int | None
    subject: str
    email_body: str
    variant_label: str
    distribution: int | None = None  # variant_distribution_percentage


class StepInput(NamedTuple):
    """One step to save."""

    id: int | None
    seq_number: int
    delay_in_days: int
    subject: str
    email_body: str
    variants: list[VariantInput]


class UnknownId(Exception):
    """A saved step or variant names an id this campaign does not have."""

    def __init__(self, kind: str, record_id: int) -> None:
        super().__init__(f"Invalid {kind} id - {record_id}")


def _variant_json(
    variant: VariantInput, variant_id: int, step_id: int, created: str, updated: str
) -> dict[str, Any]:
    body = {
        "id": variant_id,
        "created_at": created,
        "updated_at": updated,
        "is_deleted": False,
        "subject": variant.subject,
        "email_body": variant.email_body,
        "email_campaign_seq_id": step_id,
        "variant_label": variant.variant_label,
    }
    if variant.distribution is not None:
        body["variant_distribution_percentage"] = variant.distribution
    return body


def _store(
    campaign: Campaign, steps: list[StepInput], ids: Ids, now_ms: int,
    created: dict[tuple[str, int], str],
) -> None:
    """Replace the campaign's sequence; ``created`` gives the ``created_at`` of kept records."""
    updated = iso_ms(now_ms)
    sequence = []
    for step in sorted(steps, key=lambda s: s.seq_number):
        step_id = step.id if step.id is not None else ids.next("sequence")
        variants = []
        for variant in step.variants:
            variant_id = variant.id if variant.id is not None else ids.next("variant")
            variants.append(_variant_json(variant, variant_id, step_id,
                                          created.get(("variant", variant_id), updated), updated))
        sequence.append({
            "id": step_id,
            "created_at": created.get(("step", step_id), updated),
            "updated_at": updated,
            "email_campaign_id": campaign.id,
            "seq_number": step.seq_number,
            "subject": step.subject,
            "email_body": step.email_body,
            "seq_delay_details": {"delay_in_days": step.delay_in_days},
            "sequence_variants": variants,
        })  # fmt: skip
    campaign.sequence = sequence


def generate_sequence(campaign: Campaign, h: int, ids: Ids) -> None:
    """Give a seeded campaign 1 to 3 steps; the first has an A/B pair of variants."""
    opener = [
        VariantInput(None, pick(SUBJECTS, h >> n).format(company="{{company_name}}"),
                     "<p>Hi {{first_name}}, I wanted to reach out...</p>", label)
        for n, label in ((48, "A"), (52, "B"))
    ]
    steps = [StepInput(None, 1, 0, "", "", opener)]
    steps += [
        StepInput(None, n, 2, "", f"<p>Bumping this up, {{{{first_name}}}} ({n}).</p>", [])
        for n in range(2, 2 + (h >> 56) % 3)
    ]
    _store(campaign, steps, ids, campaign.created_ms, {})


def save_sequence(campaign: Campaign, steps: list[StepInput], ids: Ids, now_ms: int) -> None:
    """Replace a campaign's sequence with ``steps``.

    Raises:
        UnknownId: a step or variant id that is not in this campaign's sequence.
    """
    created: dict[tuple[str, int], str] = {}
    for old in campaign.sequence:
        created["step", old["id"]] = old["created_at"]
        for variant in old["sequence_variants"]:
            created["variant", variant["id"]] = variant["created_at"]
    for step in steps:
        if step.id is not None and ("step", step.id) not in created:
            raise UnknownId("sequence", step.id)
        for variant in step.variants:
            if variant.id is not None and ("variant", variant.id) not in created:
                raise UnknownId("sequence variant", variant.id)
    _store(campaign, steps, ids, now_ms, created)


def copy_sequence(source: Campaign, target: Campaign, ids: Ids, now_ms: int) -> None:
    """Give ``target`` a copy of ``source``'s steps and variants, as new records."""
    steps = [
        StepInput(
            None, step["seq_number"], step["seq_delay_details"]["delay_in_days"],
            step["subject"], step["email_body"],
            [VariantInput(None, v["subject"], v["email_body"], v["variant_label"],
                          v.get("variant_distribution_percentage"))
             for v in step["sequence_variants"]],
        )
        for step in source.sequence
    ]
    _store(target, steps, ids, now_ms, {})
