"""``client.campaigns.sequences``: ``/campaigns/{id}/sequences``."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import Unpack

from .._args import items_of, non_empty, positive_id
from .._decoding import ListOf
from .._exceptions import InvalidArgumentError, InvalidArgumentTypeError
from .._options import RequestOptions
from ..models.campaigns import CampaignSequence
from ..models.common import OkResponse
from ..models.inputs import SequenceInput
from ._base import OK, Resource


class CampaignSequences(Resource):
    """The email sequence (steps and A/B variants) of a campaign."""

    async def list(
        self, campaign_id: int, **options: Unpack[RequestOptions]
    ) -> builtins.list[CampaignSequence]:
        """Every step of a campaign's sequence (``GET /campaigns/{id}/sequences``).

        Args:
            campaign_id: the campaign.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        campaign_id = positive_id("campaign_id", campaign_id)
        return await self._request(
            "GET", f"/campaigns/{campaign_id}/sequences",
            ListOf(CampaignSequence, lone_object=True),
            options=options,
        )

    async def save(
        self, campaign_id: int, sequences: Iterable[SequenceInput],
        **options: Unpack[RequestOptions]
    ) -> OkResponse:
        """Save a campaign's whole sequence (``POST /campaigns/{id}/sequences``).

        Steps and variants with an ``id`` are updated; those without one are created.

        Args:
            campaign_id: the campaign.
            sequences: the steps, each a :class:`SequenceInput`; ``seq_number`` must not repeat.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        campaign_id = positive_id("campaign_id", campaign_id)
        steps = non_empty(
            "sequences", items_of("sequences", sequences, "SequenceInput"), "SequenceInput"
        )
        seen: set[int] = set()
        for index, step in enumerate(steps):
            if not isinstance(step, SequenceInput):
                raise InvalidArgumentTypeError(
                    f"sequences[{index}] must be a SequenceInput, got {type(step).__name__}"
                )
            if step.seq_number in seen:
                raise InvalidArgumentError(
                    f"sequences[{index}].seq_number {step.seq_number} is used twice; "
                    "each step needs its own seq_number"
                )
            seen.add(step.seq_number)
        body = {"sequences": [step.to_json() for step in steps]}
        return await self._request(
            "POST", f"/campaigns/{campaign_id}/sequences", OK, body=body, options=options
        )
