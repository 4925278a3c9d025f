"""The core's indicators for ``asan ops``: one or more per principle, declared as data.

Each is an :class:`~asan_core.contract.indicators.Indicator`: a SQL aggregate over the
prepared columns of the tickets or ratings table (``docs/ops.md`` lists them), with its
unit, the better direction, and the name of the country's target it is measured against.
A country changes one by declaring an indicator with the same id (``asan_indicators``).
"""

from __future__ import annotations

from asan_core.contract.indicators import Indicator
from asan_core.contract.markers import hookimpl
from asan_core.model import Country


def N_(message: str) -> str:
    """Mark ``message`` for extraction (``asan i18n extract``); translated where shown."""
    return message


CALLED = "FILTER (WHERE called)"
SERVED = "FILTER (WHERE served)"

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        id="volume.tickets",
        principle=None,
        label=N_("Tickets issued"),
        table="tickets",
        expression="count(*)",
        unit="count",
        description="Tickets issued in the month (every row of the month that validated).",
    ),
    Indicator(
        id="volume.served",
        principle=None,
        label=N_("Citizens served"),
        table="tickets",
        expression=f"count(*) {SERVED}",
        unit="count",
        description="Tickets with a finished_at: the citizen was served.",
    ),
    Indicator(
        id="volume.ratings",
        principle=None,
        label=N_("Ratings given"),
        table="ratings",
        expression="count(*)",
        unit="count",
        description="Satisfaction ratings given in the month.",
    ),
    Indicator(
        id="efficiency.waiting_median",
        principle="efficiency",
        label=N_("Waiting time, median"),
        table="tickets",
        expression=f"quantile_cont(wait_minutes, 0.5) {CALLED}",
        unit="minutes",
        better="lower",
        target="waiting_minutes",
        description="Median minutes from issue to call, over the tickets that were called.",
    ),
    Indicator(
        id="efficiency.waiting_p90",
        principle="efficiency",
        label=N_("Waiting time, 90th percentile"),
        table="tickets",
        expression=f"quantile_cont(wait_minutes, 0.9) {CALLED}",
        unit="minutes",
        better="lower",
        target="waiting_minutes",
        description="Nine in ten called citizens waited at most this many minutes.",
    ),
    Indicator(
        id="efficiency.service_median",
        principle="efficiency",
        label=N_("Service time, median"),
        table="tickets",
        expression=f"quantile_cont(service_minutes, 0.5) {SERVED}",
        unit="minutes",
        better="lower",
        target="service_minutes",
        description="Median minutes from call to finish, over the tickets served.",
    ),
    Indicator(
        id="efficiency.service_p90",
        principle="efficiency",
        label=N_("Service time, 90th percentile"),
        table="tickets",
        expression=f"quantile_cont(service_minutes, 0.9) {SERVED}",
        unit="minutes",
        better="lower",
        target="service_minutes",
        description="Nine in ten citizens served spent at most this many minutes at the counter.",
    ),
    Indicator(
        id="efficiency.served_within_target",
        principle="efficiency",
        label=N_("Served within the waiting target"),
        table="tickets",
        # NULL when the country sets no waiting target (a comparison with NULL is NULL)
        expression=f"100.0 * avg((wait_minutes <= target_waiting_minutes)::INTEGER) {SERVED}",
        unit="percent",
        better="higher",
        target="served_within_target_percent",
        description="Share of the citizens served who were called within the country's "
        "waiting target (no value when the country sets no waiting target).",
    ),
    Indicator(
        id="efficiency.processing_within_standard",
        principle="efficiency",
        label=N_("Applications ready within the processing standard"),
        table="tickets",
        expression="100.0 * avg(CASE WHEN processing_days <= standard_days THEN 1 ELSE 0 END) "
        "FILTER (WHERE completed_on IS NOT NULL AND standard_days IS NOT NULL)",
        unit="percent",
        better="higher",
        target="processing_within_standard_percent",
        description="Share of applications with a completed_on date whose working days from "
        "the day served to that date (the country's weekend and holidays skipped) are within "
        "the service's processing_days (else the country's max_processing_days).",
    ),
    Indicator(
        id="comfort.abandonment",
        principle="comfort",
        label=N_("Tickets never served"),
        table="tickets",
        expression="100.0 * avg(CASE WHEN served THEN 0 ELSE 1 END)",
        unit="percent",
        better="lower",
        target="abandonment_percent",
        description="Share of tickets issued that have no finished_at: the citizen left, or "
        "did not come when called.",
    ),
    Indicator(
        id="comfort.tickets_by_hour",
        principle="comfort",
        label=N_("Tickets issued by hour of the day"),
        table="tickets",
        expression="count(*)",
        unit="count",
        by="hour",
        description="Tickets issued per hour of the centre's local day: when the centre is busy.",
    ),
    Indicator(
        id="comfort.waiting_by_hour",
        principle="comfort",
        label=N_("Median waiting time by hour of the day"),
        table="tickets",
        expression=f"quantile_cont(wait_minutes, 0.5) {CALLED}",
        unit="minutes",
        better="lower",
        target="waiting_minutes",
        by="hour",
        description="Median minutes from issue to call, by the local hour the ticket was issued.",
    ),
    Indicator(
        id="politeness.satisfied",
        principle="politeness",
        label=N_("Satisfied citizens (4 or 5 of 5)"),
        table="ratings",
        expression="100.0 * avg(CASE WHEN score >= 4 THEN 1 ELSE 0 END)",
        unit="percent",
        better="higher",
        target="satisfaction_percent",
        description="Share of ratings of 4 or 5 on the 1–5 scale.",
    ),
    Indicator(
        id="politeness.mean_score",
        principle="politeness",
        label=N_("Average rating (of 5)"),
        table="ratings",
        expression="avg(score)",
        unit="score",
        better="higher",
        description="The mean of the ratings, 1 (worst) to 5 (best).",
    ),
    Indicator(
        id="politeness.ratings_by_score",
        principle="politeness",
        label=N_("Ratings by score"),
        table="ratings",
        expression="count(*)",
        unit="count",
        by="score",
        description="How many ratings gave each score, 1 to 5: the satisfaction distribution.",
    ),
    Indicator(
        id="responsibility.complaints",
        principle="responsibility",
        label=N_("Complaints"),
        table="ratings",
        expression="count(*) FILTER (WHERE complaint)",
        unit="count",
        description="Ratings marked as a complaint.",
    ),
    Indicator(
        id="responsibility.complaint_share",
        principle="responsibility",
        label=N_("Ratings that are complaints"),
        table="ratings",
        expression="100.0 * avg(CASE WHEN complaint THEN 1 ELSE 0 END)",
        unit="percent",
        better="lower",
        target="complaints_percent",
        description="Share of the ratings marked as a complaint.",
    ),
    Indicator(
        id="transparency.fee_published",
        principle="transparency",
        label=N_("Citizens served whose fee was published"),
        table="tickets",
        expression=f"100.0 * avg(CASE WHEN fee_published THEN 1 ELSE 0 END) {SERVED}",
        unit="percent",
        better="higher",
        target=100.0,
        description="Share of the citizens served whose service had a published fee (a cost "
        "in the country's data, 0 for a free service) in force on the day served. The target "
        "is the model's own rule: every fee published.",
    ),
)


@hookimpl
def asan_indicators(country: Country) -> list[Indicator]:
    """The core's indicators, for every country."""
    return list(INDICATORS)
