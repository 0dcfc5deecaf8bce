"""Read endpoints: every filter, paging and order, single records, 404s (store in conftest)."""

from __future__ import annotations

from itertools import chain
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import ALEPPO_TRUCE, assert_error_shape


def items(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ok"] is True
    assert body["total"] >= len(body["items"])
    return list(body["items"])


def doc_ids(client: TestClient, path: str = "/api/events", **params: Any) -> list[str]:
    return [item["doc_id"] for item in items(client, path, **params)]


def test_stats_counts_the_store(client: TestClient) -> None:
    body = client.get("/api/stats").json()
    assert body["ok"] is True
    assert (body["documents"], body["events"]) == (7, 7)
    assert body["events_by_type"]["explosions_remote_violence"] == 6


def test_events_default_order_is_newest_first_with_a_page_envelope(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 3}).json()
    assert (body["total"], body["limit"], body["offset"], body["next_offset"]) == (7, 3, 0, 3)
    assert [e["doc_id"] for e in body["items"]] == ["mosul-1", "evil-1", "douma-1"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "battles"}, ["mosul-1"]),
        ({"type": ["battles", "protests"]}, ["mosul-1"]),
        ({"sub_type": "shelling_artillery_missile_attack"}, ["douma-1"]),
        ({"actor": "النظام"}, ["douma-1"]),
        ({"actor": "الارهاب"}, ["mosul-1"]),  # folded: matches "الإرهاب"
        ({"actor": "isis"}, ["mosul-1"]),
        ({"place": "الرقه"}, ["raqqa-2", "raqqa-1"]),  # folded: ه matches ة
        ({"place": "Mosul"}, ["mosul-1"]),
        ({"country": "iq"}, ["mosul-1"]),
        ({"bbox": "36.0,33.0,38.0,37.0"}, ["evil-1", "douma-1", "aleppo-1"]),
        ({"since": "2016-04-29", "until": "2016-04-30"}, ["douma-1", "raqqa-2", "raqqa-1"]),
        ({"source": "furat-news"}, ["raqqa-2"]),
        ({"doc_id": "douma-1"}, ["douma-1"]),
        ({"q": "اطفال دوما"}, ["douma-1"]),
        ({"negated": "true"}, ["raqqa-1"]),
        ({"truce": ALEPPO_TRUCE}, ["aleppo-1"]),
        ({"truce": "no-such-truce"}, []),
    ],
)
def test_event_filters(client: TestClient, params: dict[str, Any], expected: list[str]) -> None:
    assert doc_ids(client, **params) == expected


def test_filters_combine_and_totals_follow(client: TestClient) -> None:
    body = client.get("/api/events", params={"type": "explosions_remote_violence", "country": "SY"}).json()
    assert body["total"] == len(body["items"]) == 5


@pytest.mark.parametrize("sort", ["date_desc", "date_asc", "fatalities_desc", "recent"])
def test_paging_is_stable_for_every_order(client: TestClient, sort: str) -> None:
    whole = doc_ids(client, sort=sort, limit=100)
    pages = [doc_ids(client, sort=sort, limit=3, offset=offset) for offset in (0, 3, 6)]
    assert list(chain.from_iterable(pages)) == whole
    assert len(set(whole)) == len(whole) == 7


def test_date_asc_puts_the_oldest_first(client: TestClient) -> None:
    assert doc_ids(client, sort="date_asc", limit=2) == ["aleppo-1", "nowhere-1"]


def test_event_detail_has_evidence_and_spans(client: TestClient) -> None:
    first = items(client, "/api/events", doc_id="aleppo-1")[0]
    body = client.get(f"/api/events/{first['id']}").json()
    event = body["event"]
    assert event["location"]["name_en"] == "Aleppo"
    assert event["fatalities"] == 27
    assert {s["field"] for s in event["spans"]} == {"location", "fatalities", "target"}
    start, end = event["evidence_span"]
    assert end > start


def test_missing_event_is_a_404(client: TestClient) -> None:
    response = client.get("/api/events/987654")
    assert response.status_code == 404
    assert_error_shape(response.json(), 404)


def test_map_points_are_compact_and_count_the_unlocated(client: TestClient) -> None:
    body = client.get("/api/map").json()
    assert body["fields"] == ["id", "lat", "lon", "event_type", "date", "fatalities"]
    assert body["total"] == len(body["points"]) == 6
    assert body["unlocated"] == 1
    assert body["truncated"] is False
    by_id = {p[0]: p for p in body["points"]}
    aleppo = items(client, "/api/events", doc_id="aleppo-1")[0]
    assert by_id[aleppo["id"]][1:] == [36.2021, 37.1343, "explosions_remote_violence", "2016-04-27", 27]


def test_map_takes_the_event_filters(client: TestClient) -> None:
    body = client.get("/api/map", params={"type": "battles"}).json()
    assert [p[3] for p in body["points"]] == ["battles"]
    assert body["unlocated"] == 0


def test_timeline_counts_per_day_and_type(client: TestClient) -> None:
    days = client.get("/api/timeline").json()["days"]
    by_day = {d["date"]: d for d in days}
    assert by_day["2016-04-29"] == {
        "date": "2016-04-29",
        "total": 2,
        "by_type": {"explosions_remote_violence": 2},
    }
    assert [d["date"] for d in days] == sorted(by_day)
    assert sum(d["total"] for d in days) == 7


def test_timeline_follows_the_filters(client: TestClient) -> None:
    days = client.get("/api/timeline", params={"since": "2016-11-01"}).json()["days"]
    assert days == [{"date": "2016-11-03", "total": 1, "by_type": {"battles": 1}}]


def test_articles_newest_first_with_event_counts(client: TestClient) -> None:
    rows = items(client, "/api/articles", limit=100)
    assert rows[0]["doc_id"] == "mosul-1"
    assert {r["doc_id"]: r["events"] for r in rows}["aleppo-1"] == 1


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "الموصل"}, ["mosul-1"]),
        ({"source": "furat-news"}, ["raqqa-2"]),
        ({"q": "nothing-like-this"}, []),
    ],
)
def test_article_filters(client: TestClient, params: dict[str, Any], expected: list[str]) -> None:
    assert doc_ids(client, "/api/articles", **params) == expected


def test_article_detail_has_body_spans_records_and_comments(client: TestClient) -> None:
    article = client.get("/api/articles/aleppo-1").json()["article"]
    body = article["body"]
    kinds = {m["kind"]: body[m["start"] : m["end"]] for m in article["mentions"]}
    assert kinds == {"place": "بحلب", "quantity": "27", "actor": "الدفاع المدني", "trigger": "قصفت"}
    assert [len(article[k]) for k in ("events", "claims", "truces", "comments")] == [1, 1, 1, 2]
    assert article["comments"][0]["author"] == "أبو أحمد"


def test_missing_article_is_a_404(client: TestClient) -> None:
    response = client.get("/api/articles/no-such-doc")
    assert_error_shape(response.json(), 404)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "Aleppo"}, ["Aleppo"]),
        ({"q": "الرقه"}, ["Raqqa"]),
        ({"country": "IQ"}, ["Mosul"]),
    ],
)
def test_places(client: TestClient, params: dict[str, Any], expected: list[str]) -> None:
    assert [p["name_en"] for p in items(client, "/api/places", **params)] == expected


def test_places_are_ordered_by_events(client: TestClient) -> None:
    rows = items(client, "/api/places")
    assert [r["events"] for r in rows] == sorted((r["events"] for r in rows), reverse=True)


def test_actors_with_roles_and_folded_search(client: TestClient) -> None:
    rows = items(client, "/api/actors")
    by_name = {r["name_en"]: r for r in rows}
    assert by_name["ISIS"]["as_actor2"] == 1
    assert by_name["Counter Terrorism Service"]["as_actor1"] == 1
    assert [r["name_en"] for r in items(client, "/api/actors", q="الارهاب")] == ["Counter Terrorism Service"]


def test_claims_filters(client: TestClient) -> None:
    assert len(items(client, "/api/claims")) == 1
    assert items(client, "/api/claims", stance="assert")[0]["doc_id"] == "aleppo-1"
    assert items(client, "/api/claims", stance="deny") == []
    assert len(items(client, "/api/claims", speaker="الدفاع")) == 1
    assert len(items(client, "/api/claims", q="الانقاذ")) == 1  # folded: الإنقاذ


def test_truce_announcements(client: TestClient) -> None:
    rows = items(client, "/api/announcements", kind="calm")
    assert [(r["doc_id"], r["duration_hours"]) for r in rows] == [("aleppo-1", 72)]
    assert items(client, "/api/announcements", kind="corridor") == []


def test_truce_registry_lists_user_and_extracted_truces(client: TestClient) -> None:
    rows = items(client, "/api/truces")
    assert {r["origin"] for r in rows} == {"user", "extracted"}
    assert [r["truce_id"] for r in items(client, "/api/truces", origin="user")] == [ALEPPO_TRUCE]


def test_truce_detail_with_counts(client: TestClient) -> None:
    item = client.get(f"/api/truces/{ALEPPO_TRUCE}").json()["item"]
    assert item["name"] == "Aleppo calm"
    assert item["counts"]["incidents"] == 1
    assert item["counts"]["by_day"] == [{"day": "2016-04-27", "incidents": 1}]


def test_missing_truce_is_a_404(client: TestClient) -> None:
    assert_error_shape(client.get("/api/truces/none-such").json(), 404)


def test_violations_filtered_by_truce(client: TestClient) -> None:
    assert {v["doc_id"] for v in items(client, "/api/violations")} == {"aleppo-1", "douma-1"}
    assert [v["doc_id"] for v in items(client, "/api/violations", truce=ALEPPO_TRUCE)] == ["aleppo-1"]
    assert items(client, "/api/violations", since="2016-05-01") == []


def test_undetermined_lists_reasons(client: TestClient) -> None:
    rows = items(client, "/api/undetermined")
    assert rows
    assert all(r["reason"] for r in rows)


def test_incidents_and_their_detail(client: TestClient) -> None:
    contested = items(client, "/api/incidents", grade="contested")
    assert len(contested) == 1
    detail = client.get(f"/api/incidents/{contested[0]['incident_id']}").json()["item"]
    assert detail["fatalities"]["text"] == "5"
    assert [c["denial"]["doc_id"] for c in detail["contradictions"]] == ["raqqa-1"]
    assert items(client, "/api/incidents", place="الرقه")[0]["incident_id"] == contested[0]["incident_id"]


def test_missing_incident_is_a_404(client: TestClient) -> None:
    assert_error_shape(client.get("/api/incidents/inc-none").json(), 404)


def test_contradictions(client: TestClient) -> None:
    rows = items(client, "/api/contradictions")
    assert [(r["denial"]["doc_id"], r["report"]["doc_id"]) for r in rows] == [("raqqa-1", "raqqa-2")]
    assert items(client, "/api/contradictions", doc_id="mosul-1") == []


def test_pages_report_next_offset_until_the_end(client: TestClient) -> None:
    first = client.get("/api/articles", params={"limit": 5}).json()
    last = client.get("/api/articles", params={"limit": 5, "offset": 5}).json()
    assert (first["next_offset"], last["next_offset"]) == (5, None)
    assert {a["doc_id"] for a in first["items"]}.isdisjoint(a["doc_id"] for a in last["items"])


def test_event_totals_are_exact_below_the_count_cap(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 3}).json()
    assert (body["total"], body["total_exact"]) == (7, True)


def test_event_totals_stop_at_the_cap_but_paging_goes_on(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from marsad.store import query

    monkeypatch.setattr(query, "COUNT_CAP", 2)
    first = client.get("/api/events", params={"limit": 2}).json()
    assert (first["total"], first["total_exact"], first["next_offset"]) == (3, False, 2)
    last = client.get("/api/events", params={"limit": 3, "offset": 6}).json()
    assert (last["total"], last["total_exact"], last["next_offset"]) == (7, True, None)
    assert len(last["items"]) == 1
