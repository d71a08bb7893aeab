import importlib.util
import json
import re
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from timeline.models import Document, PublishedSource
from timeline.readers import read_inputs

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "generate_corpus.py"
DAY_MONTH = re.compile(r"\b(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu) \((\d{1,2})/(\d{1,2})\)")


@pytest.fixture(scope="module")
def corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_corpus", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script loads
    spec.loader.exec_module(module)
    return module


def generate(corpus: ModuleType, out: Path, docs: int = 50, seed: int = 7) -> list[dict[str, str]]:
    corpus.main(["--docs", str(docs), "--out", str(out), "--seed", str(seed)])
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_same_seed_gives_identical_output_and_another_seed_differs(corpus: ModuleType, tmp_path: Path) -> None:
    generate(corpus, tmp_path / "a.jsonl")
    generate(corpus, tmp_path / "b.jsonl")
    generate(corpus, tmp_path / "c.jsonl", seed=8)
    first = (tmp_path / "a.jsonl").read_bytes()
    assert first == (tmp_path / "b.jsonl").read_bytes()
    assert first != (tmp_path / "c.jsonl").read_bytes()


def test_articles_are_valid_jsonl_with_realistic_lengths(corpus: ModuleType, tmp_path: Path) -> None:
    articles = generate(corpus, tmp_path / "corpus.jsonl")
    templates = corpus.load_templates()
    assert len(articles) == 50
    assert len({article["id"] for article in articles}) == 50
    for article in articles:
        assert {"id", "text", "published", "title", "source", "url"} <= article.keys()
        published = date.fromisoformat(article["published"])
        assert templates.first_day <= published.toordinal() <= templates.last_day
        assert templates.min_chars <= len(article["text"]) <= templates.max_chars
        assert article["text"].count("\n") >= 3
        assert "{" not in article["text"] and "{" not in article["title"]


def test_weekday_and_day_month_agree_with_the_calendar(corpus: ModuleType, tmp_path: Path) -> None:
    weekdays = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
    checked = 0
    for article in generate(corpus, tmp_path / "corpus.jsonl"):
        year = date.fromisoformat(article["published"]).year
        for name, day, month in DAY_MONTH.findall(article["text"]):
            # the mentioned day lies within days of publication, possibly across a new year
            candidates = [date(y, int(month), int(day)) for y in (year - 1, year, year + 1)]
            nearest = min(candidates, key=lambda d: abs(d - date.fromisoformat(article["published"])))
            assert weekdays[nearest.weekday()] == name, (article["id"], name, day, month)
            checked += 1
    assert checked > 50


def test_clock_times_carry_the_dateline_city_zone(corpus: ModuleType, tmp_path: Path) -> None:
    zones = {city["name"].upper(): city["zone"] for city in corpus.load_templates().cities}
    for article in generate(corpus, tmp_path / "corpus.jsonl"):
        city = re.match(r"([A-Za-z ]+?)(?:,| \()", article["text"])
        assert city is not None, article["text"][:40]
        mentioned = set(re.findall(r"\b(WIB|WITA|WIT)\b", article["text"]))
        # the only zone not the city's own: national events in Jakarta, stated in WIB
        assert mentioned <= {zones[city[1].upper()], "WIB"}, article["id"]


def test_officeholders_match_the_publication_date(corpus: ModuleType) -> None:
    generator = corpus.ArticleGenerator(corpus.load_templates(), seed=1)
    assert generator.slots(date(2010, 6, 1).toordinal())["president"] == "Susilo Bambang Yudhoyono"
    assert generator.slots(date(2016, 6, 1).toordinal())["president"] == "Joko Widodo"
    slots = generator.slots(date(2010, 6, 1).toordinal())
    assert (slots["leader"], slots["country"]) in {
        ("Dmitry Medvedev", "Rusia"),
        ("Hu Jintao", "China"),
        ("Barack Obama", "Amerika Serikat"),
        ("Najib Razak", "Malaysia"),
        ("Lee Hsien Loong", "Singapura"),
    }


def test_every_template_slot_is_filled(corpus: ModuleType) -> None:
    templates = corpus.load_templates()
    slots = corpus.ArticleGenerator(templates, seed=1).slots(date(2020, 3, 2).toordinal())
    for story in templates.stories:
        for template in (*story.titles, story.lead, *story.paragraphs):
            template.format_map(slots)
    for template in templates.general:
        template.format_map(slots)


def test_paragraph_naming_an_unknown_story_is_an_error(corpus: ModuleType) -> None:
    topic = {"stories": [{"key": "banjir", "titles": ["t"], "lead": "l"}], "paragraphs": [{"only": ["gempa"], "text": "x"}]}
    with pytest.raises(ValueError, match="unknown stories"):
        corpus._stories(topic)


def test_generated_corpus_reads_as_documents(corpus: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    articles = generate(corpus, out, docs=20)
    documents = list(read_inputs([out]))
    assert all(isinstance(document, Document) for document in documents)
    assert [document.id for document in documents] == [article["id"] for article in articles]
    assert {document.published_source for document in documents} == {PublishedSource.METADATA}


def test_standard_output(corpus: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    corpus.main(["--docs", "3", "--out", "-", "--seed", "2"])
    assert [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()] == [
        "gen-2-0000001",
        "gen-2-0000002",
        "gen-2-0000003",
    ]
