"""Table-driven tests of the TIMEX3 tagger on Indonesian sentences written for these tests."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from timeline.models import Granularity, TimexAnchor, TimexType
from timeline.temporal import tag

DCT = date(2023, 9, 13)  # a Wednesday

DATE, TIME, DURATION, SET = TimexType.DATE, TimexType.TIME, TimexType.DURATION, TimexType.SET


def found(text: str, dct: date | None = DCT) -> list[tuple[str, str, str]]:
    return [(t.text, t.type.value, t.value) for t in tag(text, dct)]


def one(text: str, dct: date | None = DCT):
    timexes = tag(text, dct)
    assert len(timexes) == 1, [(t.text, t.value) for t in timexes]
    return timexes[0]


# (sentence, DCT, expected [(extent, type, value)])
CASES = [
    # news convention: weekday + (day/month[/year]), datelines, year boundaries
    ("Kedua pemimpin bertemu di Vladivostok, Rabu (13/9).", DCT, [("Rabu (13/9)", "DATE", "2023-09-13")]),
    ("Menteri itu berbicara di Jakarta, Senin (29/12/2014).", date(2014, 12, 30), [("Senin (29/12/2014)", "DATE", "2014-12-29")]),
    ("Rapat digelar Kamis ( 5/12/2013 ) di Istana.", date(2013, 12, 5), [("Kamis ( 5/12/2013 )", "DATE", "2013-12-05")]),
    ("JAKARTA, KOMPAS.com — Harga cabai naik lagi, Jumat (5/7/2024).", date(2024, 7, 5), [("Jumat (5/7/2024)", "DATE", "2024-07-05")]),
    ("Pesta kembang api berlangsung Sabtu (30/12) malam.", date(2024, 1, 2), [("Sabtu (30/12) malam", "TIME", "2023-12-30TNI")]),
    ("Pesawat hilang kontak Minggu (28/12/2014) pukul 06.18 WIB kemarin.", date(2014, 12, 29),
     [("Minggu (28/12/2014) pukul 06.18 WIB kemarin", "TIME", "2014-12-28T06:18")]),
    ("Tim SAR kembali bekerja Selasa (30/12/2014) sore ini.", date(2014, 12, 30), [("Selasa (30/12/2014) sore ini", "TIME", "2014-12-30TAF")]),
    ("Harga emas tercatat naik pada pukul 7:55 WIB, Jumat (5/12/2014).", date(2014, 12, 5),
     [("pukul 7:55 WIB, Jumat (5/12/2014)", "TIME", "2014-12-05T07:55")]),
    ("Bursa ditutup menguat hari ini, Kamis (11/12/2014).", date(2014, 12, 11), [("hari ini, Kamis (11/12/2014)", "DATE", "2014-12-11")]),
    # a number typed without its space after the word that introduces it
    ("Rapat dimulai pukul14.30 WIB di gedung DPR.", DCT, [("pukul14.30 WIB", "TIME", "2023-09-13T14:30")]),
    ("Sidang digelar tanggal5 Mei 2023 di Bandung.", DCT, [("tanggal5 Mei 2023", "DATE", "2023-05-05")]),
    ("Gubernur meninjau lokasi banjir kemarin (19/11).", date(2014, 11, 20), [("kemarin (19/11)", "DATE", "2014-11-19")]),
    ("Presiden meresmikan bendungan itu pada hari Kamis (27/11/2014).", date(2014, 11, 28), [("hari Kamis (27/11/2014)", "DATE", "2014-11-27")]),
    ("Rapat dimulai Senin, 12 Januari 2015, pukul 10.00 WIB.", date(2015, 1, 12),
     [("Senin, 12 Januari 2015, pukul 10.00 WIB", "TIME", "2015-01-12T10:00")]),
    ("Pukul 16.00 WIB kemarin, petugas menemukan korban.", DCT, [("Pukul 16.00 WIB kemarin", "TIME", "2023-09-12T16:00")]),
    # absolute dates
    ("Undang-undang itu disahkan pada 13 September 2023.", DCT, [("13 September 2023", "DATE", "2023-09-13")]),
    ("Sidang dibuka 13 Sept 2023 di Bandung.", DCT, [("13 Sept 2023", "DATE", "2023-09-13")]),
    ("Sidang dibuka 13 Sep. 2023 di Bandung.", DCT, [("13 Sep. 2023", "DATE", "2023-09-13")]),
    ("Kontrak diteken 13-09-2023 oleh kedua pihak.", DCT, [("13-09-2023", "DATE", "2023-09-13")]),
    ("Kontrak diteken 13/09/2023 oleh kedua pihak.", DCT, [("13/09/2023", "DATE", "2023-09-13")]),
    ("Kontrak diteken 2023-09-13 oleh kedua pihak.", DCT, [("2023-09-13", "DATE", "2023-09-13")]),
    ("Inflasi melambat pada September 2023.", DCT, [("September 2023", "DATE", "2023-09")]),
    ("Panen raya diperkirakan terjadi bulan September.", DCT, [("bulan September", "DATE", "2023-09")]),
    ("Bandara itu dibuka pada tahun 2016.", DCT, [("tahun 2016", "DATE", "2016")]),
    ("Perusahaan itu berdiri pada 2015 di Medan.", DCT, [("2015", "DATE", "2015")]),
    ("Rencana itu disusun pada 17 Peb 2010.", DCT, [("17 Peb 2010", "DATE", "2010-02-17")]),
    ("Pembayaran jatuh tempo 3 Mrt 2011.", DCT, [("3 Mrt 2011", "DATE", "2011-03-03")]),
    ("Izin terbit 17 Agt 2012 dan berlaku 1 Nop 2012.", DCT,
     [("17 Agt 2012", "DATE", "2012-08-17"), ("1 Nop 2012", "DATE", "2012-11-01")]),
    ("Laporan keuangan terbit 30 Des 2020 dan 2 Jan 2021.", DCT,
     [("30 Des 2020", "DATE", "2020-12-30"), ("2 Jan 2021", "DATE", "2021-01-02")]),
    ("Pameran digelar pada tanggal 24 Desember 2014 lalu.", date(2015, 1, 5), [("tanggal 24 Desember 2014 lalu", "DATE", "2014-12-24")]),
    # deictics
    ("Kemarin sore hujan deras mengguyur kota.", DCT, [("Kemarin sore", "TIME", "2023-09-12TAF")]),
    ("Polisi menangkap pelaku tadi malam.", DCT, [("tadi malam", "TIME", "2023-09-12TNI")]),
    ("Gempa terasa pagi tadi di Padang.", DCT, [("pagi tadi", "TIME", "2023-09-13TMO")]),
    ("Rapat akan dilanjutkan besok.", DCT, [("besok", "DATE", "2023-09-14")]),
    ("Hasilnya diumumkan lusa.", DCT, [("lusa", "DATE", "2023-09-15")]),
    ("Ekspor naik tahun ini, turun tahun lalu, dan naik lagi tahun depan.", DCT,
     [("tahun ini", "DATE", "2023"), ("tahun lalu", "DATE", "2022"), ("tahun depan", "DATE", "2024")]),
    ("Harga naik bulan lalu dan akan turun bulan depan.", DCT, [("bulan lalu", "DATE", "2023-08"), ("bulan depan", "DATE", "2023-10")]),
    ("Tim tiba pekan lalu dan pulang minggu depan.", DCT, [("pekan lalu", "DATE", "2023-W36"), ("minggu depan", "DATE", "2023-W38")]),
    ("Banjir melanda akhir pekan lalu.", DCT, [("akhir pekan lalu", "DATE", "2023-W36-WE")]),
    ("Gaji dibayarkan awal bulan ini.", DCT, [("awal bulan ini", "DATE", "2023-09")]),
    ("Target itu direvisi Oktober ini.", date(2013, 10, 18), [("Oktober ini", "DATE", "2013-10")]),
    ("Uji coba dilakukan Juli lalu.", date(2013, 10, 18), [("Juli lalu", "DATE", "2013-07")]),
    ("Kantor itu ditutup tiga hari lalu.", DCT, [("tiga hari lalu", "DATE", "2023-09-10")]),
    ("Kebakaran terjadi dua tahun yang lalu.", DCT, [("dua tahun yang lalu", "DATE", "2021")]),
    ("Harga bisa naik lagi dua bulan lagi.", date(2014, 12, 3), [("dua bulan lagi", "DATE", "2015-02")]),
    # anaphora against narrative time
    ("Kapal itu tenggelam pada 23 Juli 2014. Sehari kemudian bangkainya ditemukan.", DCT,
     [("23 Juli 2014", "DATE", "2014-07-23"), ("Sehari kemudian", "DATE", "2014-07-24")]),
    ("Kontrak diteken 14 Juni 2014. Sebulan kemudian proyek dimulai.", DCT,
     [("14 Juni 2014", "DATE", "2014-06-14"), ("Sebulan kemudian", "DATE", "2014-07-14")]),
    ("Ia ditahan pada 2 Maret 2020 dan dibebaskan keesokan harinya.", DCT,
     [("2 Maret 2020", "DATE", "2020-03-02"), ("keesokan harinya", "DATE", "2020-03-03")]),
    ("Demo pecah pada 5 Mei 2019. Hari itu jalan ditutup.", DCT, [("5 Mei 2019", "DATE", "2019-05-05"), ("Hari itu", "DATE", "2019-05-05")]),
    ("Pada 2012 konsumsi naik dibanding setahun sebelumnya.", DCT, [("2012", "DATE", "2012"), ("setahun sebelumnya", "DATE", "2011")]),
    ("Perjanjian diteken 10 Januari 2020, tiga bulan sebelumnya draf disusun.", DCT,
     [("10 Januari 2020", "DATE", "2020-01-10"), ("tiga bulan sebelumnya", "DATE", "2019-10-10")]),
    ("Hari itu semua toko tutup.", DCT, [("Hari itu", "DATE", "PAST_REF")]),
    ("Menteri dilantik Rabu (23/10/2019) pagi. Sore harinya mereka rapat, malam itu pulang.", DCT,
     [("Rabu (23/10/2019) pagi", "TIME", "2019-10-23TMO"), ("Sore harinya", "TIME", "2019-10-23TAF"),
      ("malam itu", "TIME", "2019-10-23TNI")]),
    ("Dijadwalkan 20 Oktober mendatang, putusan dibacakan sepekan kemudian.", DCT,
     [("20 Oktober mendatang", "DATE", "2023-10-20"), ("sepekan kemudian", "DATE", "2023-W43")]),
    # bare weekdays and months with tense
    ("Menteri itu mengatakan pada Senin bahwa harga turun.", DCT, [("Senin", "DATE", "2023-09-11")]),
    ("Pertemuan lanjutan akan digelar pada Jumat.", DCT, [("Jumat", "DATE", "2023-09-15")]),
    ("OPEC bertemu Kamis untuk membahas produksi.", DCT, [("Kamis", "DATE", "2023-09-14")]),
    ("Harga minyak telah jatuh sejak Juni.", date(2014, 12, 1), [("Juni", "DATE", "2014-06")]),
    ("Minyak untuk pengiriman Januari naik 2 persen.", date(2014, 11, 20), [("Januari", "DATE", "2015-01")]),
    ("Pemilu akan digelar pada Februari.", DCT, [("Februari", "DATE", "2024-02")]),
    # durations
    ("Antrean mengular selama dua puluh lima menit.", DCT, [("dua puluh lima menit", "DURATION", "PT25M")]),
    ("Rapat berlangsung setengah hari.", DCT, [("setengah hari", "DURATION", "PT12H")]),
    ("Penerbangan itu memakan waktu satu setengah jam.", DCT, [("satu setengah jam", "DURATION", "PT90M")]),
    ("Ia menunggu sepekan, lalu sebulan, lalu setahun.", DCT,
     [("sepekan", "DURATION", "P1W"), ("sebulan", "DURATION", "P1M"), ("setahun", "DURATION", "P1Y")]),
    ("Program itu berjalan satu dekade.", DCT, [("satu dekade", "DURATION", "P10Y")]),
    ("Harga terendah dalam 5,5 tahun.", DCT, [("5,5 tahun", "DURATION", "P5.5Y")]),
    ("Warga mengungsi beberapa bulan.", DCT, [("beberapa bulan", "DURATION", "PXM")]),
    ("Konflik itu berlangsung bertahun-tahun.", DCT, [("bertahun-tahun", "DURATION", "PXY")]),
    ("Ia terdiam sejenak lalu tersenyum sesaat.", DCT, [("sejenak", "DURATION", "PXX"), ("sesaat", "DURATION", "PXX")]),
    ("Harga terendah dalam lima tahun terakhir.", DCT, [("lima tahun terakhir", "DURATION", "P5Y")]),
    ("Harga diperkirakan stabil tiga hari ke depan.", DCT, [("tiga hari ke depan", "DURATION", "P3D")]),
    ("Rombongan menempuh perjalanan tiga malam empat hari.", DCT, [("tiga malam empat hari", "DURATION", "P4D")]),
    ("Sidang berlangsung 48 jam dan 40 menit.", DCT, [("48 jam", "DURATION", "PT48H"), ("40 menit", "DURATION", "PT40M")]),
    # clock times
    ("Rapat dimulai pukul 14.30 WIB.", DCT, [("pukul 14.30 WIB", "TIME", "2023-09-13T14:30")]),
    ("Pesawat mendarat pukul 09.00 WITA.", DCT, [("pukul 09.00 WITA", "TIME", "2023-09-13T09:00")]),
    ("Kapal berangkat pukul 07.15 WIT.", DCT, [("pukul 07.15 WIT", "TIME", "2023-09-13T07:15")]),
    ("Harga tercatat pukul 10:14 WIB.", DCT, [("pukul 10:14 WIB", "TIME", "2023-09-13T10:14")]),
    ("Ia bangun jam 7 pagi.", DCT, [("jam 7 pagi", "TIME", "2023-09-13T07:00")]),
    ("Ia pulang pukul 8 malam.", DCT, [("pukul 8 malam", "TIME", "2023-09-13T20:00")]),
    ("Gempa terjadi pukul 00.30 dini hari.", DCT, [("pukul 00.30 dini hari", "TIME", "2023-09-13T00:30")]),
    ("Layanan buka pukul 10.00-12.00 WIB.", DCT, [("pukul 10.00", "TIME", "2023-09-13T10:00"), ("12.00 WIB", "TIME", "2023-09-13T12:00")]),
    ("Saham dibuka pukul 13.57 waktu Singapura.", DCT, [("pukul 13.57 waktu Singapura", "TIME", "2023-09-13T13:57")]),
    # parts of day
    ("Rombongan berangkat Minggu sore.", DCT, [("Minggu sore", "TIME", "2023-09-10TAF")]),
    ("Harga naik Rabu pagi WIB.", DCT, [("Rabu pagi WIB", "TIME", "2023-09-13TMO")]),
    ("Indeks melemah sore hari ini.", DCT, [("sore hari ini", "TIME", "2023-09-13TAF")]),
    ("Perdagangan sepi hingga tengah hari.", DCT, [("tengah hari", "TIME", "2023-09-13T12:00")]),
    # modifiers
    ("Proyek selesai awal 2023.", DCT, [("awal 2023", "DATE", "2023")]),
    ("Harga turun pada pertengahan tahun depan.", DCT, [("pertengahan tahun depan", "DATE", "2024")]),
    ("Laporan terbit akhir September.", DCT, [("akhir September", "DATE", "2023-09")]),
    ("Stok menipis menjelang akhir tahun.", DCT, [("akhir tahun", "DATE", "2023")]),
    ("Proyek rampung pada penghujung 2013 ini.", date(2013, 12, 5), [("penghujung 2013 ini", "DATE", "2013")]),
    ("Ledakan terdengar sekitar pukul 13.00.", DCT, [("sekitar pukul 13.00", "TIME", "2023-09-13T13:00")]),
    ("Ia diperiksa lebih dari dua jam.", DCT, [("lebih dari dua jam", "DURATION", "PT2H")]),
    ("Harga stagnan hampir dua minggu.", DCT, [("hampir dua minggu", "DURATION", "P2W")]),
    ("Sidang berlangsung kurang dari satu jam.", DCT, [("kurang dari satu jam", "DURATION", "PT1H")]),
    # quarters, halves, seasons, decades, centuries
    ("Ekonomi tumbuh 5 persen pada kuartal III 2023.", DCT, [("kuartal III 2023", "DATE", "2023-Q3")]),
    ("Harga dipatok hingga triwulan I-2015.", DCT, [("triwulan I-2015", "DATE", "2015-Q1")]),
    ("Laba naik pada kuartal kedua 2015.", DCT, [("kuartal kedua 2015", "DATE", "2015-Q2")]),
    ("Target dicapai pada semester I 2024.", DCT, [("semester I 2024", "DATE", "2024-H1")]),
    ("Harga masih turun hingga paruh pertama tahun depan.", DCT, [("paruh pertama tahun depan", "DATE", "2024-H1")]),
    ("Banjir biasa terjadi saat musim hujan.", DCT, [("musim hujan", "DATE", "2023-WI")]),
    ("Permintaan gas naik pada musim dingin.", DCT, [("musim dingin", "DATE", "2023-WI")]),
    ("Kebijakan itu dimulai pada tahun 1990-an.", DCT, [("tahun 1990-an", "DATE", "199")]),
    ("Produksi tertinggi sejak 1980-an.", DCT, [("1980-an", "DATE", "198")]),
    ("Tantangan abad ke-21 berbeda.", DCT, [("abad ke-21", "DATE", "20")]),
    ("Musik era 80-an kembali populer.", DCT, [("era 80-an", "DATE", "198")]),
    # sets
    ("Festival digelar setiap tahun.", DCT, [("setiap tahun", "SET", "P1Y")]),
    ("Pasar buka tiap Senin.", DCT, [("tiap Senin", "SET", "XXXX-WXX-1")]),
    ("Obat diminum dua kali sehari.", DCT, [("dua kali sehari", "SET", "P1D")]),
    ("Ia berolahraga saban hari.", DCT, [("saban hari", "SET", "P1D")]),
    ("Setiap 5 menit bus lewat.", DCT, [("Setiap 5 menit", "SET", "PT5M")]),
    ("OPEC merilis laporan bulanan.", DCT, [("bulanan", "SET", "P1M")]),
    ("Kawasan ramai dikunjungi Sabtu-Minggu.", DCT, [("Sabtu-Minggu", "SET", "XXXX-WXX-WE")]),
    # vague references
    ("Saat ini sistem sedang diuji, sekarang pun masih berjalan.", DCT,
     [("Saat ini", "DATE", "PRESENT_REF"), ("sekarang", "DATE", "PRESENT_REF")]),
    ("Kini harga turun; dewasa ini banyak yang beralih, akhir-akhir ini juga.", DCT,
     [("Kini", "DATE", "PRESENT_REF"), ("dewasa ini", "DATE", "PRESENT_REF"), ("akhir-akhir ini", "DATE", "PRESENT_REF")]),
    ("Kala itu harga murah, baru-baru ini naik, beberapa waktu lalu turun.", DCT,
     [("Kala itu", "DATE", "PAST_REF"), ("baru-baru ini", "DATE", "PAST_REF"), ("beberapa waktu lalu", "DATE", "PAST_REF")]),
    ("Sejak dulu kota ini ramai.", DCT, [("dulu", "DATE", "PAST_REF")]),
    ("Nanti kita lihat ke depan; masa depan cerah, kelak pasti.", DCT,
     [("Nanti", "DATE", "FUTURE_REF"), ("ke depan", "DATE", "FUTURE_REF"), ("masa depan", "DATE", "FUTURE_REF"), ("kelak", "DATE", "FUTURE_REF")]),
    # coordination and ranges
    ("Peluncuran gagal pada Mei dan Agustus tahun ini.", DCT, [("Mei", "DATE", "2023-05"), ("Agustus tahun ini", "DATE", "2023-08")]),
    ("Peluncuran gagal pada bulan Mei dan Agustus tahun ini.", DCT,
     [("bulan Mei", "DATE", "2023-05"), ("Agustus tahun ini", "DATE", "2023-08")]),
    ("Pameran berlangsung 13 dan 14 September.", DCT, [("13", "DATE", "2023-09-13"), ("14 September", "DATE", "2023-09-14")]),
    ("Pameran berlangsung 13–15 September 2023.", DCT, [("13", "DATE", "2023-09-13"), ("15 September 2023", "DATE", "2023-09-15")]),
    ("Data tersedia dari 2019 hingga 2021.", DCT, [("2019", "DATE", "2019"), ("2021", "DATE", "2021")]),
    ("Pasokan terserap dalam kuartal pertama dan kedua tahun depan.", DCT,
     [("kuartal pertama", "DATE", "2024-Q1"), ("kedua tahun depan", "DATE", "2024-Q2")]),
    ("Harga naik pada Juni-Juli 2014.", DCT, [("Juni", "DATE", "2014-06"), ("Juli 2014", "DATE", "2014-07")]),
    ("Target dicapai pada akhir September dan pertengahan tahun depan.", DCT,
     [("akhir September", "DATE", "2023-09"), ("pertengahan tahun depan", "DATE", "2024")]),
    # a weekday with a tense word: the word belongs to the extent; "Minggu lalu" is last week
    ("Presiden akan ke Papua pada Jumat mendatang.", DCT, [("Jumat mendatang", "DATE", "2023-09-15")]),
    ("Rapat digelar Senin depan.", DCT, [("Senin depan", "DATE", "2023-09-18")]),
    ("Kapal itu tenggelam Selasa lalu.", DCT, [("Selasa lalu", "DATE", "2023-09-12")]),
    ("Sidang dilanjutkan Jumat ini.", DCT, [("Jumat ini", "DATE", "2023-09-15")]),
    ("Minggu lalu harga cabai naik.", DCT, [("Minggu lalu", "DATE", "2023-W36")]),
    ("Pada satu hingga dua tahun ke depan investasi naik.", DCT, [("satu", "DURATION", "P1Y"), ("dua tahun ke depan", "DURATION", "P2Y")]),
    # not timexes
    ("Pesawat QZ8501 dan MH17 hilang.", DCT, []),
    ("Pandemi COVID-19 melanda negara G20.", DCT, []),
    ("Aturan itu tertuang dalam UU No. 11 Tahun 2020.", DCT, []),
    ("Aturan itu tertuang dalam Permen ESDM No 1/2013.", DCT, []),
    ("Defisit dalam APBN-P 2015 melebar.", DCT, []),
    ("Kakek itu meninggal pada usia 70 tahun.", DCT, []),
    ("Pemain berusia 23 tahun itu mengaku siap.", DCT, []),
    ("Harga minyak 60 dollar AS per barel dan produksi 30 juta barel per hari.", DCT, []),
    ("Sebanyak 2000 orang dan 45 persen warga hadir.", DCT, []),
    ("Ia tinggal di Pasar Minggu bersama Mei Ling.", DCT, []),
    ("Warga menunaikan salat Jumat di masjid.", DCT, []),
    ("Ia menjabat sebagai gubernur selama 2 x 24 jam.", DCT, [("2 x 24 jam", "DURATION", "PT48H")]),
    ("Tersangka ditahan 1 x 24 jam.", DCT, [("1 x 24 jam", "DURATION", "PT24H")]),
    ("Laporan harus masuk dalam 3 × 24 jam.", DCT, [("3 × 24 jam", "DURATION", "PT72H")]),
    ("Tulisan itu dimuat harian Minggu pekan ini.", DCT, [("pekan ini", "DATE", "2023-W37")]),
]


@pytest.mark.parametrize(("text", "dct", "expected"), CASES, ids=[case[0][:50] for case in CASES])
def test_extents_types_and_values(text: str, dct: date, expected: list[tuple[str, str, str]]) -> None:
    assert found(text, dct) == expected


MODS = [
    ("Proyek selesai awal 2023.", "START"),
    ("Harga turun pada pertengahan tahun depan.", "MID"),
    ("Laporan terbit akhir September.", "END"),
    ("Proyek rampung pada penghujung 2013 ini.", "END"),
    ("Ledakan terdengar sekitar pukul 13.00.", "APPROX"),
    ("Ia diperiksa lebih dari dua jam.", "MORE_THAN"),
    ("Harga stagnan hampir dua minggu.", "LESS_THAN"),
    ("Sidang berlangsung kurang dari satu jam.", "LESS_THAN"),
    ("Lebih dari satu dekade ia memimpin.", "MORE_THAN"),
]


@pytest.mark.parametrize(("text", "mod"), MODS)
def test_modifiers_go_into_mod(text: str, mod: str) -> None:
    assert one(text).mod == mod


SETS = [
    ("Festival digelar setiap tahun.", "EVERY", None),
    ("Pasar buka tiap Senin.", "EVERY", None),
    ("Obat diminum dua kali sehari.", None, "2X"),
    ("Kapal datang sekali setahun.", None, "1X"),
]


@pytest.mark.parametrize(("text", "quant", "freq"), SETS)
def test_sets_carry_quant_and_freq(text: str, quant: str | None, freq: str | None) -> None:
    timex = one(text)
    assert (timex.type, timex.quant, timex.freq) == (SET, quant, freq)


INTERVALS = [
    ("Rapat digelar Rabu (13/9).", date(2023, 9, 13), date(2023, 9, 13), Granularity.DAY),
    ("Inflasi melambat pada September 2023.", date(2023, 9, 1), date(2023, 9, 30), Granularity.MONTH),
    ("Ekspor naik tahun ini.", date(2023, 1, 1), date(2023, 12, 31), Granularity.YEAR),
    ("Tim tiba pekan lalu.", date(2023, 9, 4), date(2023, 9, 10), Granularity.WEEK),
    ("Banjir melanda akhir pekan lalu.", date(2023, 9, 9), date(2023, 9, 10), Granularity.WEEK),
    ("Ekonomi tumbuh pada kuartal III 2023.", date(2023, 7, 1), date(2023, 9, 30), Granularity.QUARTER),
    ("Target dicapai pada semester II 2024.", date(2024, 7, 1), date(2024, 12, 31), Granularity.HALF),
    ("Permintaan naik pada musim dingin.", date(2023, 12, 1), date(2024, 2, 29), Granularity.SEASON),
    ("Kebijakan itu dimulai pada tahun 1990-an.", date(1990, 1, 1), date(1999, 12, 31), Granularity.DECADE),
    ("Tantangan abad ke-21 berbeda.", date(2000, 1, 1), date(2099, 12, 31), Granularity.CENTURY),
    ("Rombongan berangkat Minggu sore.", date(2023, 9, 10), date(2023, 9, 10), Granularity.PART_OF_DAY),
]


@pytest.mark.parametrize(("text", "first", "last", "granularity"), INTERVALS)
def test_calendar_intervals(text: str, first: date, last: date, granularity: Granularity) -> None:
    timex = one(text)
    assert (timex.interval_start, timex.interval_end, timex.granularity) == (first, last, granularity)


def test_durations_and_vague_refs_have_no_interval() -> None:
    for timex in tag("Selama tiga jam, saat ini, setiap tahun.", DCT):
        assert (timex.interval_start, timex.interval_end, timex.anchor) == (None, None, TimexAnchor.NONE)


def test_clock_time_has_zone_offset_and_a_minute_span() -> None:
    timex = one("Rapat dimulai pukul 14.30 WITA.")
    assert (timex.timezone, timex.utc_offset) == ("WITA", "+08:00")
    assert (timex.datetime_start, timex.datetime_end) == (datetime(2023, 9, 13, 14, 30), datetime(2023, 9, 13, 14, 31))


def test_part_of_day_span_comes_from_the_lexicon() -> None:
    timex = one("Rombongan berangkat Minggu malam.")
    assert (timex.datetime_start, timex.datetime_end) == (datetime(2023, 9, 10, 18), datetime(2023, 9, 11, 0))


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("Bandara itu dibuka pada tahun 2016.", TimexAnchor.ABSOLUTE),
        ("Harga naik bulan lalu.", TimexAnchor.DCT),
        ("Kapal itu tenggelam pada 2 Juli 2014. Sehari kemudian bangkainya ditemukan.", TimexAnchor.NARRATIVE),
    ],
)
def test_anchor_says_what_the_value_was_resolved_against(text: str, anchor: TimexAnchor) -> None:
    assert tag(text, DCT)[-1].anchor == anchor


def test_weekday_contradicting_the_date_is_read_with_the_weekday_and_flagged() -> None:
    timex = one("Harga minyak turun pada Rabu (14/12/2014).", date(2014, 12, 25))
    assert timex.value == "2014-12-24"
    assert timex.conflict and "2014-12-14" in timex.conflict


def test_wrong_year_in_a_dated_day_word_is_flagged() -> None:
    timex = one("Bursa ditutup menguat hari ini, Kamis (11/12/2013).", date(2014, 12, 11))
    assert timex.value == "2014-12-11"
    assert timex.conflict


def test_consistent_weekday_has_no_conflict() -> None:
    assert one("Rapat digelar Rabu (13/9/2023).").conflict is None


def test_year_boundary_takes_the_previous_year() -> None:
    assert one("Pesta digelar Sabtu (30/12).", date(2024, 1, 2)).value == "2023-12-30"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Rapat digelar Rabu (13/9).", "XXXX-09-13"),
        ("Ia datang pada Rabu.", "XXXX-WXX-3"),
        ("Proyek dimulai 13 September.", "XXXX-09-13"),
        ("Harga naik bulan lalu.", "XXXX-XX"),
        ("Bandara itu dibuka pada tahun 2016.", "2016"),
    ],
)
def test_without_a_dct_relative_values_stay_underspecified(text: str, value: str) -> None:
    timex = one(text, None)
    assert timex.value == value
    if value.startswith("X"):
        assert timex.anchor == TimexAnchor.NONE


def test_ids_are_stable_and_derived_from_offsets() -> None:
    text = "Rapat digelar Rabu (13/9) selama tiga jam."
    first, second = tag(text, DCT, "berita-1"), tag(text, DCT, "berita-1")
    assert first == second
    assert [t.id for t in first] == ["berita-1:t14-25", "berita-1:t33-41"]
    assert all(t.document_id == "berita-1" for t in first)


def test_holiday_timexes_get_ids_of_the_same_form_as_the_others():
    text = "Pada Natal 2023 dan 5 Januari 2024 jalan ditutup."
    timexes = tag(text, date(2024, 1, 10), "berita-2")
    assert [t.text for t in timexes] == ["Natal 2023", "5 Januari 2024"]
    assert [t.id for t in timexes] == [f"berita-2:t{t.start}-{t.end}" for t in timexes]


def test_holidays_are_merged_in() -> None:
    timexes = tag("Harga naik menjelang Natal dan Tahun Baru.", date(2014, 12, 29))
    assert [(t.text, t.value) for t in timexes] == [("Natal", "2014-12-25"), ("Tahun Baru", "2015-01-01")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the year is our own timex as well: the longer holiday extent wins
        ("Pada Natal 2023 dan pekan lalu, harga naik.", [("Natal 2023", "2023-12-25"), ("pekan lalu", "2023-W36")]),
        ("Sejak Lebaran tahun lalu, Senin (3/7) harga turun.", [("Lebaran tahun lalu", "2022-05-02"), ("Senin (3/7)", "2023-07-03")]),
        # nothing overlaps: both kept, in text order
        ("Senin (3/7) dan menjelang Natal harga naik.", [("Senin (3/7)", "2023-07-03"), ("Natal", "2023-12-25")]),
    ],
)
def test_holidays_merge_with_our_own_timexes_in_text_order(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.text, t.value) for t in tag(text, DCT)] == expected


def test_offsets_index_the_original_text() -> None:
    text = "“Kami datang,” katanya, Senin (29/12/2014) pukul 04.15 WIB.\n\nSelama  tiga   jam."
    for timex in tag(text, date(2014, 12, 29)):
        assert text[timex.start : timex.end] == timex.text


@pytest.mark.parametrize("text", ["Pada abad İ itu.", "Sejak abad ı lalu.", "abad İİ"])
def test_letters_that_only_fold_to_roman_digits_are_no_century(text: str) -> None:
    assert tag(text) == []


def test_roman_centuries_in_either_case() -> None:
    assert [(t.text, t.value) for t in tag("Pada abad XXI dan abad xix.")] == [("abad XXI", "20"), ("abad xix", "18")]
