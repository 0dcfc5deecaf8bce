"""The gazetteer: place lexicons, the cached index, and imports of GeoNames and OCHA files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from marsad.errors import IngestError
from marsad.event import PlaceKind
from marsad.extract.gazetteer import Geoparser, import_geonames, import_ocha_csv, load_gazetteer
from marsad.extract.gazetteer.index import CACHE_PREFIX, Gazetteer
from marsad.extract.gazetteer.sources import CURATED_FILES, LEXICON_DIR
from marsad.normalize import fold
from marsad.normalize.lexicon import read_rows, source_line

PLACE_FILES = (
    *CURATED_FILES,
    "countries.tsv",
    "heads.tsv",
    "directions.tsv",
    "cues.tsv",
    "not_places.tsv",
    "not_place_phrases.tsv",
    "operations.tsv",
)
KEY_COLUMNS = ("names", "word", "phrase")


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return load_gazetteer(
        cache_dir=tmp_path_factory.getbasetemp() / "gazetteer-cache",
        data_dir=tmp_path_factory.mktemp("no-imports"),
    )


def rows(name: str) -> tuple[dict[str, str], ...]:
    return read_rows(f"{LEXICON_DIR}/{name}")


@pytest.mark.parametrize("name", PLACE_FILES)
def test_lexicon_has_a_source_and_folded_keys(name: str) -> None:
    assert source_line(f"{LEXICON_DIR}/{name}"), f"{name} lacks a '# source:' line"
    for row in rows(name):
        for column in KEY_COLUMNS:
            for key in filter(None, row.get(column, "").split("|")):
                assert fold(key) == key, f"{name}: {key!r} is not folded (run tools/format_place_lexicons.py)"
                assert key == " ".join(key.split()), f"{name}: {key!r} has stray spaces"


@pytest.mark.parametrize("name", PLACE_FILES)
def test_lexicon_has_no_duplicates(name: str) -> None:
    seen: set[tuple[str, ...]] = set()
    for row in rows(name):
        if "names" in row:
            names = row["names"].split("|")
            assert len(names) == len(set(names)), f"{name}: {row['names']!r} repeats a name"
            key: tuple[str, ...] = (row.get("id") or row.get("iso2", ""),)
        else:
            key = tuple(row.values())
        assert key not in seen, f"{name}: duplicate {key}"
        seen.add(key)


def test_curated_entries_are_well_formed() -> None:
    kinds = {k.value for k in PlaceKind}
    countries = {row["iso2"] for row in rows("countries.tsv")}
    for name in CURATED_FILES:
        for row in rows(name):
            assert row["kind"] in kinds, row
            assert row["country"] == "" or row["country"] in countries, row
            if row["lat"]:
                assert -90 <= float(row["lat"]) <= 90, row
                assert -180 <= float(row["lon"]) <= 180, row


def test_stopwords_block_only_geonames_readings(gazetteer: Gazetteer) -> None:
    # "صلاح الدين" is also the alternate name of an unrelated GeoNames town; our province stays
    assert [e.gid for e in gazetteer.lookup("صلاح الدين")] == ["marsad:iq.salah-al-din"]


def test_syrian_towns_are_named_with_their_governorate(gazetteer: Gazetteer) -> None:
    douma = gazetteer.lookup("دوما")[0]
    assert (douma.country, douma.admin1) == ("SY", "Rural Damascus")
    assert gazetteer.lookup("الرقة")[0].admin1 == "Ar-Raqqa"


@pytest.mark.parametrize(("first", "second"), [("أعزاز", "اعزاز"), ("سورية", "سوريا"), ("إدلب", "ادلب")])
def test_spelling_variants_name_the_same_place(gazetteer: Gazetteer, first: str, second: str) -> None:
    assert gazetteer.lookup(first)[0].gid == gazetteer.lookup(second)[0].gid


def test_a_name_shared_by_two_countries_has_two_readings(gazetteer: Gazetteer) -> None:
    assert {e.country for e in gazetteer.lookup("سنجار")} >= {"SY", "IQ"}


def test_common_words_are_not_geonames_towns(gazetteer: Gazetteer) -> None:
    for word in ("كان", "الحكومه", "الجمعه", "سنه"):
        assert gazetteer.lookup(word) == [], word


def test_the_index_is_cached_and_reused(tmp_path: Path, gazetteer: Gazetteer) -> None:
    cache = tmp_path / "cache"
    first = load_gazetteer(cache_dir=cache, data_dir=tmp_path / "data", geonames=False)
    files = list(cache.glob(f"{CACHE_PREFIX}*.pickle"))
    assert len(files) == 1
    again = load_gazetteer(cache_dir=cache, data_dir=tmp_path / "data", geonames=False)
    assert len(again) == len(first) < len(gazetteer)
    assert again.lookup("حلب")[0].gid == first.lookup("حلب")[0].gid


def test_an_unreadable_cache_is_rebuilt(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_gazetteer(cache_dir=cache, data_dir=tmp_path / "data", geonames=False)
    (path,) = cache.glob(f"{CACHE_PREFIX}*.pickle")
    path.write_bytes(b"not a pickle")
    assert load_gazetteer(cache_dir=cache, data_dir=tmp_path / "data", geonames=False).lookup("حلب")


GEONAMES_ROWS = [
    # id name ascii alternates lat lon class code cc cc2 adm1 adm2 adm3 adm4 pop elev dem tz date
    [
        "9900001",
        "Tall Zaytun",
        "Tall Zaytun",
        "Tall Zaytun,تل زيتون",
        "36.41",
        "37.05",
        "P",
        "PPL",
        "SY",
        "",
        "09",
        "",
        "",
        "",
        "0",
        "",
        "400",
        "Asia/Damascus",
        "2020-01-01",
    ],
    [
        "9900002",
        "Kharbat Nuri",
        "Kharbat Nuri",
        "Kharbat Nuri",
        "35.10",
        "36.70",
        "P",
        "PPL",
        "SY",
        "",
        "10",
        "",
        "",
        "",
        "320",
        "",
        "300",
        "Asia/Damascus",
        "2020-01-01",
    ],
    [
        "9900003",
        "Qaryat Baida",
        "Qaryat Baida",
        "",
        "33.30",
        "44.40",
        "P",
        "PPL",
        "IQ",
        "",
        "07",
        "",
        "",
        "",
        "900",
        "",
        "30",
        "Asia/Baghdad",
        "2020-01-01",
    ],
    [
        "9900004",
        "Wadi Qasr",
        "Wadi Qasr",
        "وادي قصر",
        "35.00",
        "36.00",
        "T",
        "VAL",
        "SY",
        "",
        "10",
        "",
        "",
        "",
        "0",
        "",
        "300",
        "Asia/Damascus",
        "2020-01-01",
    ],
]
ALTERNATE_ROWS = [
    ["1", "9900002", "ar", "خربة نوري", "", "", "", ""],
    ["2", "9900002", "en", "Kharbat Nuri", "", "", "", ""],
    ["3", "9900003", "ar", "قرية البيداء", "", "", "", "1"],  # historic: left out
]


def write_tsv(path: Path, table: list[list[str]]) -> Path:
    path.write_text("".join("\t".join(row) + "\n" for row in table), encoding="utf-8")
    return path


def test_import_geonames_adds_villages_with_arabic_names(tmp_path: Path) -> None:
    dump = write_tsv(tmp_path / "SY.txt", GEONAMES_ROWS)
    alternates = write_tsv(tmp_path / "alternateNamesV2.txt", ALTERNATE_ROWS)
    data = tmp_path / "data"
    report = import_geonames(dump, alternate_names=alternates, countries=["SY", "IQ"], data_dir=data)
    assert (report.places, report.names) == (
        2,
        2,
    )  # the IQ row's only name is historic; the valley is class T
    assert report.output.parent == data / "gazetteer"
    gazetteer = load_gazetteer(cache_dir=tmp_path / "cache", data_dir=data, geonames=False)
    village = gazetteer.lookup("خربة نوري")[0]
    assert (village.gid, village.admin1, village.kind) == ("geonames:9900002", "Hama", PlaceKind.VILLAGE)
    mentions = Geoparser(gazetteer).parse("سقطت قذائف على قرية تل زيتون قرب حلب")
    assert [m.place.name for m in mentions][:1] == ["تل زيتون"]
    assert mentions[0].place.lat == pytest.approx(36.41)


def test_import_geonames_keeps_only_the_countries_asked(tmp_path: Path) -> None:
    dump = write_tsv(tmp_path / "allCountries.txt", GEONAMES_ROWS)
    report = import_geonames(dump, countries=["IQ"], data_dir=tmp_path / "data")
    assert report.places == 0


OCHA_HEADER = [
    "ADM0_EN",
    "ADM0_PCODE",
    "ADM1_EN",
    "ADM1_AR",
    "ADM1_PCODE",
    "ADM4_EN",
    "ADM4_AR",
    "ADM4_PCODE",
    "Longitude",
    "Latitude",
]
OCHA_ROWS = [
    [
        "Syrian Arab Republic",
        "SY",
        "Idleb",
        "إدلب",
        "SY07",
        "Kafr Ruma Sharqi",
        "كفرروما الشرقية",
        "SY070100",
        "36.62",
        "35.64",
    ],
    [
        "Syrian Arab Republic",
        "SY",
        "Idleb",
        "إدلب",
        "SY07",
        "Ain Laruz",
        "عين لاروز",
        "SY070101",
        "36.55",
        "",
    ],
]


def write_csv(path: Path, header: list[str], table: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(table)
    return path


def test_import_ocha_reads_the_deepest_level(tmp_path: Path) -> None:
    table = write_csv(tmp_path / "syr_pplp.csv", OCHA_HEADER, OCHA_ROWS)
    data = tmp_path / "data"
    report = import_ocha_csv(table, data_dir=data)
    assert (report.places, report.without_coordinates) == (2, 1)
    gazetteer = load_gazetteer(cache_dir=tmp_path / "cache", data_dir=data, geonames=False)
    village = gazetteer.lookup("كفرروما الشرقية")[0]
    assert (village.gid, village.country, village.admin1) == ("ocha:SY070100", "SY", "Idleb")
    assert (village.lat, village.lon, village.kind) == (35.64, 36.62, PlaceKind.VILLAGE)


def test_import_ocha_refuses_a_table_without_admin_columns(tmp_path: Path) -> None:
    table = write_csv(tmp_path / "other.csv", ["name", "lat"], [["x", "1"]])
    with pytest.raises(IngestError, match="OCHA"):
        import_ocha_csv(table, data_dir=tmp_path / "data")


@pytest.mark.parametrize(
    ("name", "kind", "name_en_part"),
    [
        ("حلب", "city", "Aleppo"),
        ("محافظة حلب", "admin1", "governorate"),
        ("ريف اللاذقية", "region", "Latakia"),
    ],
)
def test_resolve_name_reads_a_lone_name_like_an_article(name: str, kind: str, name_en_part: str) -> None:
    place = Geoparser(load_gazetteer()).resolve_name(name)
    assert place is not None
    assert place.name == name
    assert place.kind is not None
    assert place.kind.value == kind
    assert name_en_part in (place.name_en or "")


def test_resolve_name_refuses_text_that_is_not_one_place() -> None:
    parser = Geoparser(load_gazetteer())
    assert parser.resolve_name("قال حلب دمشق") is None
    assert parser.resolve_name("لا مكان هنا") is None
