"""``asan ops``: queue tickets and ratings in, principle indicators out — checked by hand.

The hand-checked month (the fixture country UZ, two centres, November 2026, offset +05:00):

======  ==========  ===========  ======  ======  ========  =========  ============
ticket  centre      service      issued  called  finished  completed  wait / service
======  ==========  ===========  ======  ======  ========  =========  ============
T1      tashkent-1  id-card      09:00   09:10   09:30     16 Nov     10 / 20, 10 working days
T2      tashkent-1  id-card      09:20   09:50   10:00     17 Nov     30 / 10, 11 working days
T3      tashkent-1  notary-copy  10:05   10:10   10:15     2 Nov      5 / 5, 0 working days
T4      tashkent-1  notary-copy  10:30   —       —         —          never called
T5      samarkand   id-card      11:00   11:20   11:50     —          20 / 30
T6      samarkand   id-card      11:10   11:15   —         —          called, did not come
======  ==========  ===========  ======  ======  ========  =========  ============

All on Monday 2 November 2026; T7 (5 October, Tashkent, id-card) waited 40 and was served
in 10. id-card's fee (0, free) is published; notary-copy has none. Targets: wait 15, service
20, served within target 80 %, abandonment 10 %, processing 90 %, satisfaction 90 %,
complaints 5 %. Ratings: 5, 4, 2 (a complaint) in Tashkent, 5 in Samarkand.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FixturePlugin, run_cli

TARGETS = """  targets:
    waiting_minutes: 15
    service_minutes: 20
    served_within_target_percent: 80
    abandonment_percent: 10
    processing_within_standard_percent: 90
    satisfaction_percent: 90
    complaints_percent: 5
"""

SAMARKAND = """  - id: samarkand-1
    name:
      uz: Samarqand markazi
      ru: Самаркандский центр
      en: Samarkand centre
    area: UZ-SA
    agencies: [interior, justice]
    all_services: true
    provenance: illustrative
"""

TICKETS_HEADER = "ticket_id,centre,service,counter,issued_at,called_at,finished_at,completed_on\n"
TICKETS = TICKETS_HEADER + (
    "T1,tashkent-1,id-card,1,2026-11-02T09:00:00+05:00,2026-11-02T09:10:00+05:00,"
    "2026-11-02T09:30:00+05:00,2026-11-16\n"
    "T2,tashkent-1,id-card,1,2026-11-02T09:20:00+05:00,2026-11-02T09:50:00+05:00,"
    "2026-11-02T10:00:00+05:00,2026-11-17\n"
    "T3,tashkent-1,notary-copy,2,2026-11-02T10:05:00+05:00,2026-11-02T10:10:00+05:00,"
    "2026-11-02T10:15:00+05:00,2026-11-02\n"
    "T4,tashkent-1,notary-copy,2,2026-11-02T10:30:00+05:00,,,\n"
    "T5,samarkand-1,id-card,1,2026-11-02T11:00:00+05:00,2026-11-02T11:20:00+05:00,"
    "2026-11-02T11:50:00+05:00,\n"
    "T6,samarkand-1,id-card,1,2026-11-02T11:10:00+05:00,2026-11-02T11:15:00+05:00,,\n"
    "T7,tashkent-1,id-card,1,2026-10-05T09:00:00+05:00,2026-10-05T09:40:00+05:00,"
    "2026-10-05T09:50:00+05:00,\n"
)
RATINGS = (
    "rating_id,centre,service,ticket_id,rated_at,score,complaint\n"
    "R1,tashkent-1,id-card,T1,2026-11-02T09:31:00+05:00,5,false\n"
    "R2,tashkent-1,,,2026-11-02T10:01:00+05:00,4,\n"
    "R3,tashkent-1,notary-copy,T3,2026-11-02T10:16:00+05:00,2,true\n"
    "R4,samarkand-1,id-card,T5,2026-11-02T11:51:00+05:00,5,no\n"
)


@pytest.fixture
def uz(country_plugin: FixturePlugin) -> FixturePlugin:
    """The fixture country with targets and a second centre."""
    country_plugin.replace("country.yaml", "  provenance:\n", TARGETS + "  provenance:\n")
    text = country_plugin.file("records.yaml").read_text(encoding="utf-8")
    country_plugin.write("records.yaml", text.rstrip("\n") + "\n" + SAMARKAND)
    return country_plugin


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def report(
    tmp_path: Path, *extra: str, tickets: str = TICKETS, ratings: str | None = RATINGS
) -> tuple[Any, Path]:
    out = tmp_path / "report"
    args = [
        "ops",
        "report",
        "UZ",
        "--tickets",
        str(write(tmp_path, "tickets.csv", tickets)),
        "--month",
        "2026-11",
        "--out",
        str(out),
        "--json",
        *extra,
    ]
    if ratings is not None:
        args += ["--ratings", str(write(tmp_path, "ratings.csv", ratings))]
    return run_cli(*args), out


def synthetic_report(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    country: str,
    tickets: int,
    *extra: str,
    parquet: bool = False,
) -> Path:
    """A month of seeded synthetic records of a bundled country, and its report (``extra``:
    more options of ``asan ops report``); the report's folder."""
    plugin = {"AF": "asan_afghanistan", "AZ": "asan_azerbaijan"}[country]
    monkeypatch.delenv("ASAN_DISABLE_PLUGIN_AUTOLOAD")
    monkeypatch.setenv("ASAN_LOAD_PLUGINS", plugin)
    records, out = tmp_path / "records", tmp_path / "report"
    suffix = "parquet" if parquet else "csv"
    synth = ["ops", "synth", country, "--month", "2026-11", "--tickets", str(tickets)]
    result = run_cli(*synth, "--out", str(records), *(["--parquet"] if parquet else []))
    assert result.exit_code == 0, result.output
    result = run_cli(
        *("ops", "report", country, "--month", "2026-11", "--out", str(out), *extra),
        *("--tickets", str(records / f"tickets.{suffix}")),
        *("--ratings", str(records / f"ratings.{suffix}")),
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def figures(uz: FixturePlugin, tmp_path: Path) -> dict[str, Any]:
    result, _ = report(tmp_path)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def by_id(items: list[dict[str, Any]], wanted: str) -> dict[str, Any]:
    return next(item for item in items if item["id"] == wanted)


# -- the hand-checked month ----------------------------------------------------------


def test_country_indicators_match_the_hand_checked_values(figures: dict[str, Any]) -> None:
    values = figures["country_figures"]["values"]
    assert values["volume.tickets"] == 6
    assert values["volume.served"] == 4
    assert values["volume.ratings"] == 4
    assert values["efficiency.waiting_median"] == 10  # called: 5, 5, 10, 20, 30
    assert values["efficiency.waiting_p90"] == pytest.approx(26)  # 20 + 0.6 × (30 − 20)
    assert values["efficiency.service_median"] == 15  # served: 5, 10, 20, 30
    assert values["efficiency.service_p90"] == pytest.approx(27)  # 20 + 0.7 × 10
    assert values["efficiency.served_within_target"] == 50  # T1, T3 of T1, T2, T3, T5
    assert values["efficiency.processing_within_standard"] == pytest.approx(66.6667)
    assert values["comfort.abandonment"] == pytest.approx(33.3333)  # T4, T6 of six
    assert values["transparency.fee_published"] == 75  # notary-copy has no fee
    assert values["politeness.satisfied"] == 75
    assert values["politeness.mean_score"] == 4
    assert values["responsibility.complaints"] == 1
    assert values["responsibility.complaint_share"] == 25


def test_principle_scores_are_the_mean_attainment_of_their_targets(
    figures: dict[str, Any],
) -> None:
    scores = figures["country_figures"]["principles"]
    # efficiency: 100, 15/26, 100, 20/27, 50/80, 66.67/90 → mean of attainments
    expected = (100 + 100 * 15 / 26 + 100 + 100 * 20 / 27 + 62.5 + 100 * 66.6667 / 90) / 6
    assert scores["efficiency"] == pytest.approx(expected, abs=0.05)
    assert scores["comfort"] == pytest.approx(30, abs=0.05)  # 10 / 33.33
    assert scores["politeness"] == pytest.approx(83.3, abs=0.05)  # 75 / 90
    assert scores["responsibility"] == pytest.approx(20, abs=0.05)  # 5 / 25
    assert scores["transparency"] == 75  # 75 / 100
    assert "ethics" not in scores  # no indicator measures it


def test_every_level_has_its_own_figures(figures: dict[str, Any]) -> None:
    tashkent = by_id(figures["centres"], "tashkent-1")["values"]
    assert tashkent["volume.tickets"] == 4
    assert tashkent["efficiency.waiting_median"] == 10  # 5, 10, 30
    assert tashkent["comfort.abandonment"] == 25
    assert tashkent["transparency.fee_published"] == pytest.approx(66.6667)
    assert tashkent["volume.ratings"] == 3
    samarkand = by_id(figures["centres"], "samarkand-1")["values"]
    assert samarkand["efficiency.waiting_median"] == 12.5  # 5, 20
    assert samarkand["comfort.abandonment"] == 50
    interior = by_id(figures["agencies"], "interior")["values"]
    assert interior["volume.tickets"] == 4  # T1, T2, T5, T6
    notary = by_id(figures["services"], "notary-copy")["values"]
    assert notary["volume.tickets"] == 2
    assert notary["transparency.fee_published"] == 0
    # a rating without a service counts for its centre and the country, not for a service
    assert by_id(figures["services"], "id-card")["values"]["volume.ratings"] == 2


def test_distributions_by_hour_and_by_score(figures: dict[str, Any]) -> None:
    dist = figures["country_figures"]["distributions"]
    assert dist["comfort.tickets_by_hour"] == {"9": 2, "10": 2, "11": 2}
    assert dist["comfort.waiting_by_hour"] == {"9": 20, "10": 5, "11": 12.5}
    assert dist["politeness.ratings_by_score"] == {"2": 1, "4": 1, "5": 2}


def test_month_on_month_change_when_the_previous_month_is_in_the_records(
    figures: dict[str, Any],
) -> None:
    assert figures["previous_month"] == "2026-10"
    country = figures["country_figures"]
    assert country["previous"]["values"]["efficiency.waiting_median"] == 40
    assert country["change"]["efficiency.waiting_median"] == -30
    assert country["change"]["politeness.satisfied"] is None  # no ratings in October


def test_centres_are_ranked_by_their_mean_principle_score(figures: dict[str, Any]) -> None:
    ranked = [(c["rank"], c["id"]) for c in figures["centres"]]
    assert ranked == [(1, "samarkand-1"), (2, "tashkent-1")] or ranked == [
        (1, "tashkent-1"),
        (2, "samarkand-1"),
    ]
    scores = [c["score"] for c in figures["centres"]]
    assert scores == sorted(scores, reverse=True)


def test_working_days_skip_the_weekend_for_the_processing_standard(
    uz: FixturePlugin, tmp_path: Path
) -> None:
    # Served Friday 6 November, ready Monday 9 November: one working day (Sat, Sun skipped).
    tickets = TICKETS_HEADER + (
        "A,tashkent-1,notary-copy,1,2026-11-06T09:00:00+05:00,2026-11-06T09:01:00+05:00,"
        "2026-11-06T09:02:00+05:00,2026-11-09\n"
        "B,tashkent-1,id-card,1,2026-11-06T09:00:00+05:00,2026-11-06T09:01:00+05:00,"
        "2026-11-06T09:02:00+05:00,2026-11-20\n"
    )
    result, _ = report(tmp_path, tickets=tickets, ratings=None)
    assert result.exit_code == 0, result.output
    values = json.loads(result.stdout)["country_figures"]["values"]
    # notary-copy (0 days) is late by one working day; id-card (10) is ready on the 10th
    assert values["efficiency.processing_within_standard"] == 50


def test_a_target_the_country_does_not_set_is_shown_as_none(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    text = country_plugin.file("records.yaml").read_text(encoding="utf-8")
    country_plugin.write("records.yaml", text.rstrip("\n") + "\n" + SAMARKAND)
    result, _ = report(tmp_path)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert by_id(data["indicators"], "efficiency.waiting_median")["target"] is None
    assert data["country_figures"]["values"]["efficiency.served_within_target"] is None
    assert data["country_figures"]["principles"]["efficiency"] is None
    assert data["country_figures"]["principles"]["transparency"] == 75  # its own target


# -- the site -------------------------------------------------------------------------


def test_the_site_has_every_page_in_every_locale_and_the_json(
    uz: FixturePlugin, tmp_path: Path
) -> None:
    result, out = report(tmp_path)
    assert result.exit_code == 0, result.output
    for locale in ("uz", "ru", "en"):
        for page in ("index.html", "centres.html", "services.html"):
            html = (out / locale / page).read_text(encoding="utf-8")
            assert f'lang="{locale}"' in html
            assert "<svg" in html or page == "services.html"
            assert "<script" not in html
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["month"] == "2026-11"
    russian = (out / "ru" / "index.html").read_text(encoding="utf-8")
    assert "Время ожидания, медиана" in russian
    english = (out / "en" / "index.html").read_text(encoding="utf-8")
    assert "Samarkand centre" in english
    assert "⚑" in english  # the illustrative centres and targets are marked


def test_afghan_pages_are_right_to_left_with_persian_digits_on_the_axes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = synthetic_report(tmp_path, monkeypatch, "AF", 3000)
    for locale in ("fa_AF", "ps_AF", "en"):
        assert (out / locale / "index.html").is_file()
    dari = (out / "fa_AF" / "index.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in dari
    axis = dari[dari.index("<svg") : dari.index("</svg>")]
    assert "۱۰" in axis and ">10<" not in axis  # the hour 10, in Persian digits
    assert "illustrative-data" in dari  # synthetic records are marked on the page
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["illustrative"]["records"] is True
    assert data["illustrative"]["targets"] is True


def test_synthetic_records_are_the_same_for_the_same_seed(
    uz: FixturePlugin, tmp_path: Path
) -> None:
    for name in ("a", "b"):
        result = run_cli(
            "ops",
            "synth",
            "UZ",
            "--month",
            "2026-11",
            "--tickets",
            "500",
            "--out",
            str(tmp_path / name),
            "--seed",
            "7",
        )
        assert result.exit_code == 0, result.output
    for file in ("tickets.csv", "ratings.csv"):
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes()
    assert "illustrative" in (tmp_path / "a" / "tickets.csv").read_text().splitlines()[0]


def test_parquet_records_give_the_same_figures_as_csv(uz: FixturePlugin, tmp_path: Path) -> None:
    for flag, name in (([], "csv"), (["--parquet"], "parquet")):
        result = run_cli(
            "ops",
            "synth",
            "UZ",
            "--month",
            "2026-11",
            "--tickets",
            "800",
            "--out",
            str(tmp_path / name),
            *flag,
        )
        assert result.exit_code == 0, result.output
    found = []
    for name in ("csv", "parquet"):
        result = run_cli(
            "ops",
            "report",
            "UZ",
            "--month",
            "2026-11",
            "--json",
            "--out",
            str(tmp_path / f"site-{name}"),
            "--tickets",
            str(tmp_path / name / f"tickets.{name}"),
            "--ratings",
            str(tmp_path / name / f"ratings.{name}"),
        )
        assert result.exit_code == 0, result.output
        found.append(json.loads(result.stdout)["country_figures"])
    assert found[0] == found[1]


def test_a_folder_that_is_not_a_report_is_never_replaced(uz: FixturePlugin, tmp_path: Path) -> None:
    out = tmp_path / "report"
    out.mkdir()
    (out / "thesis.docx").write_text("mine")
    result, _ = report(tmp_path)
    assert result.exit_code == 2
    assert "is not an asan ops report" in result.stderr
    assert (out / "thesis.docx").read_text() == "mine"


def test_an_earlier_report_is_replaced_whole(uz: FixturePlugin, tmp_path: Path) -> None:
    first, out = report(tmp_path)
    assert first.exit_code == 0, first.output
    second, _ = report(tmp_path, "--locale", "en")
    assert second.exit_code == 0, second.output
    assert (out / "en" / "index.html").is_file()
    assert not (out / "ru").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".report.")]


# -- bad records ----------------------------------------------------------------------


BAD_ROWS = TICKETS_HEADER + (
    "G1,tashkent-1,id-card,1,2026-11-02T09:00:00+05:00,,,\n"
    "B1,tashkent-1,id-card,1,2026-11-02 09:00,,,\n"
    "B2,tashkent-1,id-card,1,2026-11-02T09:00:00+05:00,2026-11-02T09:10:00+05:00,"
    "2026-11-02T08:50:00+05:00,\n"
    "B3,nowhere,id-card,1,2026-11-02T09:00:00+05:00,,,\n"
    "B4,tashkent-1,passport,1,2026-11-02T09:00:00+05:00,,,\n"
    "G1,tashkent-1,id-card,1,2026-11-02T09:05:00+05:00,,,\n"
    "B6,tashkent-1,id-card,1,2026-11-02T09:00:00+05:00,2026-11-02T08:00:00+05:00,,\n"
    "B7,tashkent-1,id-card,1,2026-11-02T09:00:00+05:00,,2026-11-02T09:30:00+05:00,\n"
    "B8,tashkent-1,id-card,1,2026-11-02T09:00:00+05:00,,,not-a-date\n"
    "B9,tashkent-1,id-card,1,2026-11-02T09:00:00+05:00,,\n"
)


def test_bad_rows_are_rejected_counted_and_located(uz: FixturePlugin, tmp_path: Path) -> None:
    result, _ = report(tmp_path, tickets=BAD_ROWS, ratings=None)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    tickets = data["imports"][0]
    assert tickets["rows"] == 10
    assert tickets["kept"] == 1
    assert tickets["rejected"] == 9
    assert tickets["rejected_by_reason"] == {
        "issued_at:bad_timestamp": 1,
        "finished_at:before_called": 1,
        "centre:unknown_centre": 1,
        "service:unknown_service": 1,
        "ticket_id:duplicate": 1,
        "called_at:before_issued": 1,
        "finished_at:not_called": 1,
        "completed_on:bad_date": 1,
        "line:malformed": 1,
    }
    where = {(e["row"], e["column"], e["reason"]) for e in tickets["examples"]}
    assert (2, "issued_at", "bad_timestamp") in where
    assert (4, "centre", "unknown_centre") in where
    assert (10, "line", "malformed") in where
    # and on stderr, located as file:line with the column and a hint
    assert "tickets.csv:5: centre: row 4: not a centre of the country" in result.stderr
    assert "asan centres UZ" in result.stderr
    assert "9 of 10 rows rejected" in result.stderr
    page = (tmp_path / "report" / "en" / "index.html").read_text(encoding="utf-8")
    assert "9 of 10 rows of tickets.csv were rejected" in page


STAMPS = [
    ("2026-11-02T09:00:00+05:00", True),
    ("2026-11-02T04:00:00Z", True),  # the centre keeps UTC
    ("2026-11-02T09:00:00.250+05:00", True),  # a fraction of a second
    (" 2026-11-02T09:00:00+05:00 ", True),  # spaces around are trimmed
    ("\u00a02026-11-02T09:00:00+05:00\u3000", True),  # no-break and ideographic too
    ("2026-11-02T09:00:00", False),  # no offset: never read in a default time zone
    ("2026-11-02 09:00:00+05:00", False),  # a space for the T
    ("2026-11-02T09:00+05:00", False),  # no seconds
    ("2026-11-02T09:00:00+0500", False),  # the offset without its colon
    ("2026-02-30T09:00:00+05:00", False),  # no such day
    ("2026-11-02T25:00:00+05:00", False),  # no such hour
]


@pytest.mark.parametrize(("stamp", "accepted"), STAMPS)
def test_a_timestamp_is_iso_8601_with_its_offset(
    uz: FixturePlugin, tmp_path: Path, stamp: str, accepted: bool
) -> None:
    rows = (
        "G1,tashkent-1,id-card,1,2026-11-02T08:00:00+05:00,,,\n"
        f"G2,tashkent-1,id-card,1,2026-11-02T09:00:00+05:00,{stamp},,\n"
    )
    result, _ = report(tmp_path, tickets=TICKETS_HEADER + rows, ratings=None)
    assert result.exit_code == 0, result.output
    tickets = json.loads(result.stdout)["imports"][0]
    if accepted:
        assert tickets["kept"] == 2, tickets
    else:
        assert tickets["rejected_by_reason"] == {"called_at:bad_timestamp": 1}, tickets


def test_ids_and_centres_with_a_no_break_space_are_trimmed_like_any_space(
    uz: FixturePlugin, tmp_path: Path
) -> None:
    rows = (
        "G1,tashkent-1\u00a0,id-card,1,2026-11-02T08:00:00+05:00,,,\n"
        "G1\u00a0,tashkent-1,id-card,1,2026-11-02T09:00:00+05:00,,,\n"
    )
    result, _ = report(tmp_path, tickets=TICKETS_HEADER + rows, ratings=None)
    assert result.exit_code == 0, result.output
    tickets = json.loads(result.stdout)["imports"][0]
    assert tickets["kept"] == 1  # the centre is known once trimmed
    assert tickets["rejected_by_reason"] == {"ticket_id:duplicate": 1}  # the same id


def test_duplicate_ids_in_parquet_are_rejected_after_the_first(
    uz: FixturePlugin, tmp_path: Path
) -> None:
    import duckdb

    source = write(tmp_path, "source.csv", BAD_ROWS.replace("B9,tashkent-1,id-card,1,", "X,"))
    parquet = tmp_path / "tickets.parquet"
    connection = duckdb.connect()
    connection.execute(
        f"COPY (SELECT * FROM read_csv('{source}', all_varchar = true, ignore_errors = true)) "
        f"TO '{parquet}' (FORMAT parquet)"
    )
    connection.close()
    result = run_cli("ops", "check", "UZ", "--tickets", str(parquet), "--json")
    data = json.loads(result.stdout)
    tickets = data["files"][0]
    assert tickets["rejected_by_reason"]["ticket_id:duplicate"] == 1
    assert (6, "ticket_id", "duplicate") in {
        (e["row"], e["column"], e["reason"]) for e in tickets["examples"]
    }


def test_strict_writes_nothing_when_a_row_is_rejected(uz: FixturePlugin, tmp_path: Path) -> None:
    result, out = report(tmp_path, "--strict", tickets=BAD_ROWS, ratings=None)
    assert result.exit_code == 2
    assert not out.exists()


def test_bad_ratings_are_rejected(uz: FixturePlugin, tmp_path: Path) -> None:
    ratings = RATINGS + (
        "R5,tashkent-1,,,2026-11-02T10:01:00+05:00,6,\n"
        "R6,tashkent-1,,,2026-11-02T10:01:00+05:00,4.5,\n"
        "R7,tashkent-1,,,2026-11-02T10:01:00+05:00,4,perhaps\n"
        "R8,tashkent-1,,,,4,\n"
    )
    result, _ = report(tmp_path, ratings=ratings)
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)["imports"][1]
    assert found["rejected_by_reason"] == {
        "score:bad_score": 2,
        "complaint:bad_boolean": 1,
        "rated_at:missing": 1,
    }
    assert found["kept"] == 4


def test_check_exits_1_when_rows_are_rejected(uz: FixturePlugin, tmp_path: Path) -> None:
    path = write(tmp_path, "tickets.csv", BAD_ROWS)
    result = run_cli("ops", "check", "UZ", "--tickets", str(path), "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["files"][0]["rejected"] == 9
    good = write(tmp_path, "good.csv", TICKETS)
    assert run_cli("ops", "check", "UZ", "--tickets", str(good)).exit_code == 0


@pytest.mark.parametrize(
    "column", ["citizen_name", "Phone Number", "national_id", "E-mail", "passport_no", "FIN"]
)
def test_a_column_that_identifies_a_person_is_refused(
    uz: FixturePlugin, tmp_path: Path, column: str
) -> None:
    tickets = TICKETS.replace(TICKETS_HEADER, TICKETS_HEADER.strip() + f",{column}\n")
    tickets = (
        "\n".join(line + ",secret" if n else line for n, line in enumerate(tickets.splitlines()))
        + "\n"
    )
    result, out = report(tmp_path, tickets=tickets, ratings=None)
    assert result.exit_code == 2
    assert f"the column '{column}' would identify a person" in result.stderr
    assert "PRIVACY.md" in result.stderr
    assert "secret" not in result.output
    assert not out.exists()


def test_columns_the_format_does_not_know_are_named_and_not_read(
    uz: FixturePlugin, tmp_path: Path
) -> None:
    tickets = TICKETS.replace(TICKETS_HEADER, TICKETS_HEADER.strip() + ",queue_letter\n")
    tickets = (
        "\n".join(line + ",A" if n else line for n, line in enumerate(tickets.splitlines())) + "\n"
    )
    result, _ = report(tmp_path, tickets=tickets, ratings=None)
    assert result.exit_code == 0, result.output
    assert "columns not in the format, not read: queue_letter" in result.stderr
    assert json.loads(result.stdout)["imports"][0]["ignored_columns"] == ["queue_letter"]


def test_columns_that_describe_the_service_are_not_refused() -> None:
    from asan_core.ops.records import identifies_a_person

    for column in ("service_name", "centre_name", "counter", "finished_at", "illustrative"):
        assert not identifies_a_person(column), column
    for column in ("name", "client_phone", "DateOfBirth", "home_address", "tazkira_number"):
        assert identifies_a_person(column) or column == "DateOfBirth", column


def test_a_missing_required_column_stops_the_import(uz: FixturePlugin, tmp_path: Path) -> None:
    tickets = "ticket_id,centre,service\nT1,tashkent-1,id-card\n"
    result, out = report(tmp_path, tickets=tickets, ratings=None)
    assert result.exit_code == 2
    assert "tickets.csv:1: the required column 'issued_at' is missing" in result.stderr
    assert not out.exists()


def test_a_month_without_tickets_is_an_error_naming_the_months_found(
    uz: FixturePlugin, tmp_path: Path
) -> None:
    out = tmp_path / "report"
    path = write(tmp_path, "tickets.csv", TICKETS)
    result = run_cli(
        "ops", "report", "UZ", "--tickets", str(path), "--month", "2027-01", "--out", str(out)
    )
    assert result.exit_code == 2
    assert "no ticket of 2027-01" in result.stderr
    assert "2026-10, 2026-11" in result.stderr
    bad = run_cli("ops", "report", "UZ", "--tickets", str(path), "--month", "November")
    assert bad.exit_code == 2
    assert "write it as YYYY-MM" in bad.stderr


def test_a_file_that_is_neither_csv_nor_parquet_is_refused(
    uz: FixturePlugin, tmp_path: Path
) -> None:
    path = write(tmp_path, "tickets.xlsx", "not a table")
    result = run_cli("ops", "report", "UZ", "--tickets", str(path), "--month", "2026-11")
    assert result.exit_code == 2
    assert "cannot tell the format of tickets.xlsx" in result.stderr
    missing = run_cli(
        "ops", "report", "UZ", "--tickets", str(tmp_path / "no.csv"), "--month", "2026-11"
    )
    assert missing.exit_code == 2
    assert "no such file" in missing.stderr


# -- indicators as data, through the hook -------------------------------------------

INDICATOR_PLUGIN = """
from asan_core.contract.indicators import Indicator
from asan_core.contract.markers import hookimpl


class Plugin:
    @hookimpl
    def asan_indicators(self, country):
        return [
            Indicator(
                id="efficiency.waiting_median",
                principle="efficiency",
                label="Waiting time, 75th percentile",
                table="tickets",
                expression="quantile_cont(wait_minutes, 0.75) FILTER (WHERE called)",
                unit="minutes",
                better="lower",
                target="waiting_minutes",
            ),
            Indicator(
                id="comfort.long_waits",
                principle="comfort",
                label="Citizens who waited over 25 minutes",
                table="tickets",
                expression="count(*) FILTER (WHERE wait_minutes > 25)",
                unit="count",
            ),
            Indicator(
                id="comfort.broken",
                principle="comfort",
                label="Broken",
                table="tickets",
                expression=EXPRESSION,
                unit="count",
            ),
        ]


plugin = Plugin()
"""


def indicator_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, expression: str) -> None:
    name = f"indicators_{abs(hash(expression)) % 10**8}"
    (tmp_path / f"{name}.py").write_text(
        f"EXPRESSION = {expression!r}\n" + INDICATOR_PLUGIN, encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    specs = [s for s in os.environ.get("ASAN_EXTRA_PLUGINS", "").split(",") if s]
    monkeypatch.setenv("ASAN_EXTRA_PLUGINS", ",".join([*specs, f"{name}:plugin"]))


def test_a_plugin_changes_and_adds_indicators_through_the_hook(
    uz: FixturePlugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    indicator_plugin(tmp_path, monkeypatch, "count(*)")
    result, _ = report(tmp_path)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    values = data["country_figures"]["values"]
    assert values["efficiency.waiting_median"] == 20  # the 75th percentile of 5, 5, 10, 20, 30
    assert values["comfort.long_waits"] == 1  # T2
    changed = by_id(data["indicators"], "efficiency.waiting_median")
    assert changed["plugin"].startswith("indicators_")
    assert [i["id"] for i in data["indicators"]].count("efficiency.waiting_median") == 1


def test_an_indicator_whose_sql_does_not_compile_names_its_plugin(
    uz: FixturePlugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    indicator_plugin(tmp_path, monkeypatch, "sum(no_such_column)")
    result, out = report(tmp_path)
    assert result.exit_code == 2
    assert "indicator 'comfort.broken': its expression does not compile" in result.stderr
    assert "plugin indicators_" in result.stderr
    assert not out.exists()


def test_an_indicator_declaration_is_checked_when_made() -> None:
    from asan_core.contract.indicators import Indicator

    with pytest.raises(ValueError, match="one SQL expression"):
        Indicator("x.y", None, "X", "tickets", "count(*); DROP TABLE tickets", "count")
    with pytest.raises(ValueError, match="by must be one of"):
        Indicator("x.y", None, "X", "ratings", "count(*)", "count", by="hour")
    with pytest.raises(ValueError, match="a target needs better"):
        Indicator("x.y", None, "X", "tickets", "count(*)", "count", target="waiting_minutes")


# -- the record format ---------------------------------------------------------------


def test_the_shipped_json_schemas_follow_the_format() -> None:
    from asan_core.ops.records import expected_schema, json_schema

    for kind in ("tickets", "ratings"):
        assert json_schema(kind) == expected_schema(kind)  # type: ignore[arg-type]


def test_a_ticket_validates_against_the_json_schema() -> None:
    import jsonschema

    from asan_core.ops.records import json_schema

    ticket = {
        "ticket_id": "T1",
        "centre": "kabul",
        "service": "passport",
        "issued_at": "2026-11-02T09:15:00+04:30",
        "called_at": None,
        "completed_on": "2026-11-05",
    }
    jsonschema.validate(ticket, json_schema("tickets"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**ticket, "issued_at": "2026-11-02 09:15"}, json_schema("tickets"))


def test_measured_demand_is_ready_for_capacity_planning(uz: FixturePlugin, tmp_path: Path) -> None:
    from asan_core.franchise import resolve
    from asan_core.ops import demand

    cells = demand(resolve("UZ"), write(tmp_path, "tickets.csv", TICKETS), "2026-11")
    tashkent_9 = [c for c in cells if c.centre == "tashkent-1" and c.hour == 9]
    assert [(c.service, c.weekday, c.tickets, c.days) for c in tashkent_9] == [("id-card", 0, 2, 1)]
    assert tashkent_9[0].arrivals_per_hour == 2
    assert tashkent_9[0].mean_service_minutes == 15


def test_asan_help_does_not_import_duckdb() -> None:
    import subprocess

    code = (
        "import sys; from asan_core.cli.app import app; "
        "assert 'duckdb' not in sys.modules and 'asan_core.ops' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_without_duckdb_the_command_names_the_install(
    uz: FixturePlugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)
    result, _ = report(tmp_path)
    assert result.exit_code == 2
    assert "pip install 'asan-sdk[ops]'" in result.stderr


# -- a report page in a real browser ------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("page_name", ["index.html", "centres.html"])
def test_the_dari_report_reads_right_to_left_without_serious_violations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page_name: str
) -> None:
    from tests.test_browser import CHROMIUM_FLAGS, requirements, serious_violations

    chromium, axe = requirements()
    from playwright.sync_api import sync_playwright

    out = synthetic_report(tmp_path, monkeypatch, "AF", 4000, "--locale", "fa_AF")
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto((out / "fa_AF" / page_name).as_uri())
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert page.evaluate("document.documentElement.lang") == "fa-AF"
        assert page.evaluate("document.scripts.length") == 0
        box: Any = page.evaluate(
            "(() => { const h = document.querySelector('main h1').getBoundingClientRect();"
            " const m = document.querySelector('main').getBoundingClientRect();"
            " return {h: h.right, m: m.right, hl: h.left, ml: m.left}; })()"
        )
        assert abs(box["h"] - box["m"]) < 40 and box["hl"] > box["ml"]
        axis = page.evaluate("document.querySelector('svg.chart').textContent")
        assert any(d in axis for d in "۰۱۲۳۴۵۶۷۸۹") and not any(d in axis for d in "0123456789")
        # the first hour of the day stands at the right, where a Dari reader starts
        labels: Any = page.evaluate(
            "[...document.querySelector('svg.chart').querySelectorAll('text')]"
            ".filter(t => t.getAttribute('text-anchor') === 'middle')"
            ".map(t => ({x: t.getBBox().x, text: t.textContent}))"
        )
        assert labels[0]["x"] > labels[-1]["x"]
        page_problems = list(problems)
        serious = serious_violations(page, axe)
        browser.close()
    assert page_problems == []
    assert serious == [], serious


def test_the_sql_calendar_counts_working_days_as_the_charter_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import datetime as dt

    from asan_core.franchise import resolve
    from asan_core.i18n.working_days import is_working_day, ready_on
    from asan_core.ops.engine import _reference_tables, close, connect

    monkeypatch.delenv("ASAN_DISABLE_PLUGIN_AUTOLOAD")
    monkeypatch.setenv("ASAN_LOAD_PLUGINS", "asan_afghanistan")
    franchise = resolve("AF")  # Thursday–Friday weekend, yearly Solar Hijri holidays
    holidays = {h.date for h in franchise.holidays}
    connection = connect()
    try:
        _reference_tables(connection, franchise)
        days = connection.execute(
            "SELECT day, before, upto FROM ref_days WHERE day BETWEEN ? AND ? ORDER BY day",
            [dt.date(2025, 1, 1), dt.date(2026, 12, 31)],
        ).fetchall()
    finally:
        close(connection)
    index = {day: (before, upto) for day, before, upto in days}
    for day, before, upto in days:
        assert (upto - before == 1) == is_working_day(franchise.country, day, holidays), day
    # N working days after an application made on `applied` end on ready_on(applied, N)
    for applied in (dt.date(2025, 3, 19), dt.date(2026, 3, 19), dt.date(2026, 8, 13)):
        for n in (0, 1, 5, 10):
            ready = ready_on(franchise.country, applied, n, holidays)
            assert index[ready][1] - index[applied][0] - 1 == n, (applied, n)


def test_azerbaijan_gets_its_report_in_azerbaijani_russian_and_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = synthetic_report(tmp_path, monkeypatch, "AZ", 5000, parquet=True)
    pages = {
        loc: (out / loc / "index.html").read_text(encoding="utf-8") for loc in ("az", "ru", "en")
    }
    assert "Gözləmə vaxtı, median" in pages["az"]
    assert "Время ожидания, медиана" in pages["ru"]
    assert "Waiting time, median" in pages["en"]
    assert all('dir="ltr"' in page for page in pages.values())
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert len(data["centres"]) == 16 and data["previous_month"] == "2026-10"
