"""The data model of a centre network: pydantic v2 models, frozen, no unknown fields.

This package does no I/O and imports nothing else of the project. Field names follow
CPSV-AP 3.2.0 where it has a term for the thing (``PublicService`` → :class:`Service`,
``PublicOrganisation`` → :class:`Agency`, ``Evidence``, ``Output``, ``Cost``,
``LegalResource``, ``Channel``).
"""

from asan_core.model.agency import Agency, AgencyKind, Division
from asan_core.model.centre import (
    ACCESSIBILITY_FEATURES,
    Centre,
    CentreKind,
    Feature,
    OpeningHours,
)
from asan_core.model.common import (
    SOURCE_LOCALE,
    LocaleId,
    LocalizedText,
    Origin,
    Provenance,
    Record,
    RecordId,
    Sourced,
    locale_chain,
    localized_fields,
    pick_text,
)
from asan_core.model.country import (
    DEFAULT_BRAND_COLOUR,
    LOGO_MAX_BYTES,
    WEEKDAYS,
    Country,
    CurrencyFormat,
    DatedHoliday,
    DigitStyle,
    Holiday,
    Logo,
    OperatingModel,
    Partnership,
    ServiceTargets,
    WorkingWeek,
    YearlyDate,
    is_subdivision_of,
)
from asan_core.model.coverage import CoverageRecord
from asan_core.model.curriculum import (
    CurriculumModule,
    Exercise,
    ModuleChange,
    Question,
    Role,
)
from asan_core.model.legal import LegalResource
from asan_core.model.planning import Demand, PlanningSettings, ServiceLevelTarget
from asan_core.model.principle import Principle, PrincipleChange
from asan_core.model.service import ChannelKind, Cost, Evidence, ExpressTier, Output, Service

__all__ = [
    "ACCESSIBILITY_FEATURES",
    "DEFAULT_BRAND_COLOUR",
    "LOGO_MAX_BYTES",
    "SOURCE_LOCALE",
    "WEEKDAYS",
    "Agency",
    "AgencyKind",
    "Centre",
    "CentreKind",
    "ChannelKind",
    "Cost",
    "Country",
    "CoverageRecord",
    "CurrencyFormat",
    "CurriculumModule",
    "DatedHoliday",
    "Demand",
    "DigitStyle",
    "Division",
    "Evidence",
    "Exercise",
    "ExpressTier",
    "Feature",
    "Holiday",
    "LegalResource",
    "LocaleId",
    "LocalizedText",
    "Logo",
    "ModuleChange",
    "OpeningHours",
    "OperatingModel",
    "Origin",
    "Output",
    "Partnership",
    "PlanningSettings",
    "Principle",
    "PrincipleChange",
    "Provenance",
    "Question",
    "Record",
    "RecordId",
    "Role",
    "Service",
    "ServiceLevelTarget",
    "ServiceTargets",
    "Sourced",
    "WorkingWeek",
    "YearlyDate",
    "is_subdivision_of",
    "locale_chain",
    "localized_fields",
    "pick_text",
]
