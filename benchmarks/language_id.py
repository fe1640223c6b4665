"""py3langid against lingua-language-detector: the same texts, accuracy and speed; output in language_id.txt.

Run: .venv/bin/python benchmarks/language_id.py py3langid
     uv run --with lingua-language-detector python benchmarks/language_id.py lingua
Texts: one hand-written news sentence in each of eleven languages, and the first
3,000 characters of 600 English gold bodies of tests/corpora (every one English).
"""
import time, glob, sys
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
ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent
en = [open(p, errors="replace").read()[:3000] for p in sorted(glob.glob(str(ROOT / "tests/corpora/*/*.gold.txt")))[:600]]
which = sys.argv[1]
if which == "py3langid":
    import py3langid
    t=time.perf_counter(); py3langid.classify("warm"); print("load", time.perf_counter()-t)
    f = lambda s: py3langid.classify(s)[0]
else:
    from lingua import LanguageDetectorBuilder
    t=time.perf_counter(); det = LanguageDetectorBuilder.from_all_languages().build(); det.detect_language_of("warm up"); print("load", time.perf_counter()-t)
    def f(s):
        l = det.detect_language_of(s); return l.iso_code_639_1.name.lower() if l else None
print({k: f(v) for k, v in samples.items()})
t=time.perf_counter(); out=[f(s) for s in en]; dt=time.perf_counter()-t
print("english gold correct", sum(o=="en" for o in out), "/", len(out), "rate", len(en)/dt, "docs/s", [o for o in out if o!="en"][:10])
