"""py3langid against lingua-language-detector: the same texts, accuracy and speed; output in language_id.txt.

Run: .venv/bin/python benchmarks/language_id.py py3langid
     uv run --with lingua-language-detector python benchmarks/language_id.py lingua
Texts: one hand-written news sentence in each of eleven languages, and the first
3,000 characters of 600 English gold bodies of tests/corpora (every one English).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

samples = {
 "de": "Der Stadtrat hat am Dienstag beschlossen, eine neue Brücke über den Fluss zu bauen. Die Kosten werden auf rund vierzig Millionen Euro geschätzt.",
 "fr": "Le conseil municipal a voté mardi la construction d'un nouveau pont sur la rivière, mettant fin à un débat qui divisait la ville depuis dix ans.",
 "es": "El ayuntamiento aprobó el martes la construcción de un nuevo puente sobre el río, poniendo fin a un debate que dividía a la ciudad.",
 "it": "Il consiglio comunale ha approvato martedì la costruzione di un nuovo ponte sul fiume, chiudendo un dibattito durato dieci anni.",
 "pt": "A câmara municipal aprovou na terça-feira a construção de uma nova ponte sobre o rio, pondo fim a um debate que dividia a cidade.",
 "ru": "Городской совет во вторник одобрил строительство нового моста через реку, завершив спор, который длился более десяти лет.",
 "ja": "市議会は火曜日、川に新しい橋を建設することを決定した。費用は約四千万ユーロと見込まれている。",
 "ko": "시의회는 화요일 강 위에 새로운 다리를 건설하기로 결정했다. 비용은 약 4천만 유로로 예상된다.",
 "id": "Dewan kota pada hari Selasa menyetujui pembangunan jembatan baru di atas sungai, mengakhiri perdebatan yang telah berlangsung selama sepuluh tahun.",
 "zh": "市议会周二投票决定在河上修建一座新桥，结束了一场持续十多年的争论。",
 "nl": "De gemeenteraad heeft dinsdag besloten een nieuwe brug over de rivier te bouwen, na een debat dat de stad meer dan tien jaar verdeelde.",
}
ROOT = Path(__file__).resolve().parent.parent
ENGLISH_PAGES = 600
SAMPLE_CHARS = 3000


def english_gold_bodies() -> list[str]:
    paths = sorted(ROOT.glob("tests/corpora/*/*.gold.txt"))[:ENGLISH_PAGES]
    return [path.read_text(errors="replace")[:SAMPLE_CHARS] for path in paths]


def py3langid_identifier() -> Callable[[str], str | None]:
    import py3langid

    py3langid.classify("warm")
    return lambda text: py3langid.classify(text)[0]


def lingua_identifier() -> Callable[[str], str | None]:
    from lingua import LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_all_languages().build()

    def identify(text: str) -> str | None:
        language = detector.detect_language_of(text)
        return language.iso_code_639_1.name.lower() if language else None

    return identify


def main(which: str) -> None:
    started = time.perf_counter()
    identify = py3langid_identifier() if which == "py3langid" else lingua_identifier()
    print("load", time.perf_counter() - started)
    print({code: identify(text) for code, text in samples.items()})
    english = english_gold_bodies()
    started = time.perf_counter()
    found = [identify(text) for text in english]
    seconds = time.perf_counter() - started
    wrong = [code for code in found if code != "en"]
    print("english gold correct", len(found) - len(wrong), "/", len(found), "rate", len(english) / seconds, "docs/s",
          wrong[:10])


if __name__ == "__main__":
    main(sys.argv[1])
