"""Small Indonesian articles written for the pipeline tests, and a JSONL corpus built from them."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

ARTICLES = [
    (
        "JAKARTA — Presiden Joko Widodo bertemu Perdana Menteri Jepang Fumio Kishida di Istana Merdeka, "
        "Jakarta, pada Senin (4/9/2023) pagi. Kedua pemimpin menandatangani kesepakatan kerja sama energi.\n"
        "Menteri Luar Negeri Retno Marsudi mengatakan pertemuan berikutnya dijadwalkan pada Desember 2023."
    ),
    (
        "SURABAYA — Banjir merendam ratusan rumah di Kota Surabaya sejak Selasa malam. "
        "Badan Penanggulangan Bencana Daerah mengevakuasi 120 warga ke tempat pengungsian.\n"
        "Wali Kota Surabaya menyatakan bantuan logistik dikirim kemarin dan akan disalurkan selama tiga hari."
    ),
    (
        "Komisi Pemberantasan Korupsi (KPK) menangkap seorang kepala daerah di Medan pada 12 Oktober 2022. "
        "Juru bicara KPK mengatakan penangkapan itu terkait dugaan suap proyek jalan.\n"
        "Sidang perdana dijadwalkan berlangsung pada bulan depan di Pengadilan Tipikor Medan."
    ),
    (
        "Gempa bermagnitudo 5,6 mengguncang Cianjur, Jawa Barat, Senin (21/11/2022) siang pukul 13.21 WIB. "
        "Basarnas mengerahkan tim pencarian ke lokasi.\n"
        "Presiden meninjau lokasi bencana pada hari berikutnya dan berjanji membangun kembali rumah warga."
    ),
]


def article(index: int) -> str:
    """A distinct article: one of the texts above with its own closing line, so ids and hashes differ."""
    return f"{ARTICLES[index % len(ARTICLES)]}\nCatatan redaksi nomor {index}."


def write_corpus(path: Path, count: int, first_published: date = date(2022, 1, 3)) -> Path:
    """`count` JSONL records with ids, texts and publication dates spread over time."""
    with path.open("w", encoding="utf-8") as stream:
        for index in range(count):
            record = {
                "id": f"berita-{index:04d}",
                "text": article(index),
                "published": (first_published + timedelta(days=7 * index)).isoformat(),
            }
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def dataset_files(out_dir: Path) -> dict[str, bytes]:
    """Every file of an output folder, by relative path, with its bytes."""
    return {
        str(file.relative_to(out_dir)): file.read_bytes() for file in sorted(out_dir.rglob("*")) if file.is_file()
    }
