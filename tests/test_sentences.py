from __future__ import annotations

import pytest

from timeline.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [sentence.text for sentence in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hujan turun deras. Banjir merendam desa.", ["Hujan turun deras.", "Banjir merendam desa."]),
        ("Apakah dia datang? Tidak! Dia pergi.", ["Apakah dia datang?", "Tidak!", "Dia pergi."]),
        (
            "“Kami siap membantu,” kata Rahmat. Bantuan tiba sore hari.",
            ["“Kami siap membantu,” kata Rahmat.", "Bantuan tiba sore hari."],
        ),
        (
            "Dia berkata, “Semua aman.” Lalu dia pulang.",
            ["Dia berkata, “Semua aman.”", "Lalu dia pulang."],
        ),
        ("“Sudah selesai?” tanya Wulan kepada adiknya.", ["“Sudah selesai?” tanya Wulan kepada adiknya."]),
        ("Rapat dimulai pukul 13.00 WIB dan selesai pukul 15.30.", ["Rapat dimulai pukul 13.00 WIB dan selesai pukul 15.30."]),
        ("Harga naik 2,5 persen menjadi Rp 1.500 per liter.", ["Harga naik 2,5 persen menjadi Rp 1.500 per liter."]),
        ("Pada Senin (13/9) rapat digelar. Hasilnya belum diumumkan.", ["Pada Senin (13/9) rapat digelar.", "Hasilnya belum diumumkan."]),
        ("Dr. Sutrisno dan Prof. Lestari hadir.", ["Dr. Sutrisno dan Prof. Lestari hadir."]),
        ("Acara dibuka oleh H. Mansur dan Hj. Aminah.", ["Acara dibuka oleh H. Mansur dan Hj. Aminah."]),
        ("Kantornya di Jl. Merdeka No. 5, Kec. Sukajadi, Kab. Bandung.", ["Kantornya di Jl. Merdeka No. 5, Kec. Sukajadi, Kab. Bandung."]),
        ("Pidato B. J. Habibie dikenang. Susilo B. Yudhoyono hadir.", ["Pidato B. J. Habibie dikenang.", "Susilo B. Yudhoyono hadir."]),
        ("Dibeli buku, pena, dll. untuk sekolah.", ["Dibeli buku, pena, dll. untuk sekolah."]),
        ("Dibeli buku, pena, dll. Semua dibagikan.", ["Dibeli buku, pena, dll.", "Semua dibagikan."]),
        ("Saham PT Sinar Tbk. naik tajam.", ["Saham PT Sinar Tbk. naik tajam."]),
        ("Kirim ke redaksi@contoh.co.id atau buka https://contoh.co.id/berita. Terima kasih.",
         ["Kirim ke redaksi@contoh.co.id atau buka https://contoh.co.id/berita.", "Terima kasih."]),
        ("Dia menunggu... lalu pergi. Semua diam.", ["Dia menunggu... lalu pergi.", "Semua diam."]),
        ("Dia menunggu… Tidak ada yang datang.", ["Dia menunggu…", "Tidak ada yang datang."]),
        ("Surat ditujukan kepada Yth. Bpk. Darmawan, S.H., M.Si. di Medan.", ["Surat ditujukan kepada Yth. Bpk. Darmawan, S.H., M.Si. di Medan."]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_offsets_and_paragraphs() -> None:
    text = "  Paragraf satu. Kalimat dua.\nParagraf kedua.\n\n\nParagraf ketiga.  \n"
    sentences = split_sentences(text)
    assert [(s.text, s.paragraph) for s in sentences] == [
        ("Paragraf satu.", 0),
        ("Kalimat dua.", 0),
        ("Paragraf kedua.", 1),
        ("Paragraf ketiga.", 2),
    ]
    assert [s.index for s in sentences] == [0, 1, 2, 3]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_line_without_final_period_is_a_sentence() -> None:
    assert _texts("JAKARTA, KOMPAS.com - Judul tanpa titik\nIsi berita.") == [
        "JAKARTA, KOMPAS.com - Judul tanpa titik",
        "Isi berita.",
    ]


def test_empty_text() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n ") == []


def test_seed(seed_dir) -> None:
    text = (seed_dir / "000_f289a60c1eb80260.txt").read_text(encoding="utf-8")
    sentences = split_sentences(text)
    assert sentences[0].text.endswith("semakin terisolasi.")
    texts = [s.text for s in sentences]
    assert "“Pemimpin Korea Utara tertarik dengan pembangunan roket" in texts[texts.index("Putin mengatakan bahwa lokasi tersebut sengaja dipilih untuk membantu Korea Utara dalam membangun satelit, lapor media pemerintah Rusia.") + 1]
    assert texts[-1] == "Namun, Pyongyang mengalami dua peluncuran yang gagal pada bulan Mei dan Agustus tahun ini."
    assert max(s.paragraph for s in sentences) == text.strip().count("\n")
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
