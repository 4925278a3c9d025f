"""Translatable labels for the model's enumerations (channels, features, roles, ...).

The values are English source strings marked with ``N_`` for extraction; show them with
``chain.gettext(CHANNEL_LABELS[kind])``. The catalogs in ``locales/`` translate them.
"""

from __future__ import annotations

from asan_core.i18n.catalogs import N_
from asan_core.model import ChannelKind, Feature, OperatingModel, Role

CHANNEL_LABELS: dict[ChannelKind, str] = {
    # Translators: a channel through which a public service is delivered.
    ChannelKind.CENTRE: N_("Service centre"),
    # Translators: a bus that brings the centre's services to villages and towns.
    ChannelKind.MOBILE: N_("Mobile service bus"),
    ChannelKind.PORTAL: N_("E-government portal"),
    # Translators: an embassy or consulate serving citizens living abroad.
    ChannelKind.CONSULAR: N_("Consular post abroad"),
    ChannelKind.CALL_CENTRE: N_("Call centre"),
}

FEATURE_LABELS: dict[Feature, str] = {
    Feature.INFORMATION_DESK: N_("Information desk"),
    # Translators: the electronic queue: a ticket machine and screens calling numbers.
    Feature.E_QUEUE: N_("Electronic queue"),
    Feature.ONLINE_BOOKING: N_("Online booking"),
    Feature.VOLUNTEERS: N_("Volunteers"),
    Feature.STEP_FREE_ACCESS: N_("Step-free access"),
    Feature.ACCESSIBLE_TOILET: N_("Accessible toilet"),
    # Translators: people with disabilities, older people and pregnant women go first.
    Feature.PRIORITY_SERVICE: N_("Priority service"),
    Feature.SIGN_LANGUAGE: N_("Sign language interpreting"),
    Feature.CHILD_ROOM: N_("Children's room"),
    Feature.BANK: N_("Bank branch"),
    Feature.INSURANCE: N_("Insurance office"),
    Feature.FEE_PAYMENT: N_("Fee payment point"),
    Feature.COMPLAINT_DESK: N_("Complaints desk"),
}

ROLE_LABELS: dict[Role, str] = {
    Role.VOLUNTEER: N_("Volunteer"),
    # Translators: staff at the information desk and the queue, not agency officers.
    Role.FRONT_DESK: N_("Front-desk officer"),
    # Translators: an officer of a state agency who serves citizens at a counter in the centre.
    Role.AGENCY_OFFICER: N_("Agency officer"),
    Role.CENTRE_MANAGER: N_("Centre manager"),
    Role.TRAINER: N_("Trainer"),
}

OPERATING_MODEL_LABELS: dict[OperatingModel, str] = {
    OperatingModel.AGENCY_FRONT_OFFICE: N_("Agency officers serve at the centre's counters"),
    OperatingModel.ONE_STOP_STAFF: N_("One-stop staff take applications for every agency"),
}

# Translators: the discreet mark on data that the partner government must still confirm.
ILLUSTRATIVE_MARK = N_("Illustrative — to be confirmed")
# Translators: the fee of a service that costs nothing.
FREE_OF_CHARGE = N_("Free of charge")
