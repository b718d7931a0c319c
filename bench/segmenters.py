"""Compare word segmenters for site search over Chinese, Thai, Lao, Khmer and Burmese text.

Measures, for each segmenter that can be imported (PyICU, jieba, pythainlp), each in
fresh subprocesses of the same Python:

* import time: ``import icu`` / ``import jieba`` / ``import pythainlp.tokenize`` timed in a
  bare ``python -c`` (nothing else imported; files already in the page cache);
* warm-up time: creating the segmenter and its first call on one sentence of each script
  it covers (ICU loads its CJK and Thai/Lao/Khmer/Burmese dictionaries lazily, jieba
  builds or loads its prefix dictionary, pythainlp builds its dictionary trie). jieba
  keeps a cache of its dictionary (``jieba.cache``): the first run builds it in a fresh
  temporary directory, a second subprocess then loads that cache, and both are shown;
* throughput in characters per second, segmenting a ~20 KB (UTF-8) document of Chinese
  prose and one of Thai prose about libraries and reading, each in one call, repeated
  for at least ``--min-seconds``; ICU also on Lao, Khmer and Burmese sentences;
* the segmentation each library gives of three example sentences per script.

It reports; it asserts nothing. Not part of the test suite.

    .venv/bin/python bench/segmenters.py [--min-seconds 1.0] [--json results.json]

With only PyICU installed (the project's .venv) the other libraries are reported as not
installed. ``python bench/segmenters.py`` re-runs itself under ``.venv/bin/python`` when
the current Python has no PyICU. To compare with the alternatives, use a scratch venv
(PyICU builds from source against Debian's libicu-dev, with pkg-config):

    python3.11 -m venv /tmp/segbench
    /tmp/segbench/bin/pip install PyICU==2.17 jieba==0.42.1 pythainlp==5.4.0
    /tmp/segbench/bin/python bench/segmenters.py

pythainlp runs with ``PYTHAINLP_OFFLINE=1`` and ``PYTHAINLP_READ_ONLY=1`` (unless set
otherwise), so that it neither downloads nor creates ``~/pythainlp-data``; the newmm
engine uses only the dictionary shipped in the wheel.
"""

import argparse
import importlib
import importlib.util
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_BYTES = 20_000

ZH_SENTENCES = [
    "八桂讲坛是广西图书馆主办的公益性讲座品牌，每周六上午在报告厅举行，面向社会公众免费开放。",
    "本期八桂讲坛邀请广西师范大学的教授主讲“阅读与人生”，分享经典名著对个人成长的影响。",
    "每年四月二十三日是世界读书日，全区各级公共图书馆都会举办形式多样的阅读推广活动。",
    "今年世界读书日期间，广西图书馆推出了“书香八桂”系列活动，包括好书推荐、读书分享会和亲子阅读。",
    "少儿阅览室每个周末都有绘本故事会，志愿者为小朋友们讲述有趣的图画书故事。",
    "读者可以凭身份证免费办理读者证，每张读者证最多可以借阅十册图书，借期为三十天。",
    "数字图书馆提供电子书、有声读物和数据库资源，读者在家里也能通过手机随时随地阅读。",
    "为了推动全民阅读，图书馆与社区、学校和企业合作，设立了一百多个图书流通点。",
    "中国—东盟图书馆合作联盟定期组织馆员交流和联合书展，促进各国之间的文化交流。",
    "古籍修复专家在讲座中介绍了古籍保护的基本方法，并现场演示了传统的修复技艺。",
    "壮族三月三期间，图书馆举办民族文化专题展览，展出了一批珍贵的壮族文献和图片。",
    "阅读推广人培训班吸引了来自全区十四个地级市的两百多名学员参加。",
    "经典诵读比赛的参赛选手用普通话和壮语朗诵了多首优秀的诗词作品。",
    "老年读者在志愿者的帮助下学习使用智能手机查找图书和预约座位。",
    "图书馆的自助借还机支持人脸识别，读者不需要排队就可以快速借书和还书。",
    "讲座结束后，主讲嘉宾为现场读者签名赠书，并与大家合影留念。",
    "暑假期间，图书馆开展“阅读伴我成长”夏令营活动，引导青少年养成良好的阅读习惯。",
    "近年来，各地图书馆积极探索“图书馆＋书店”的新模式，让读者借阅新书更加方便。",
    "本馆开放时间为周二至周日上午九点至下午五点，每周一闭馆进行内部整理。",
    "欢迎广大读者关注图书馆微信公众号，及时了解最新的讲座、展览和培训信息。",
]

TH_SENTENCES = [
    "ห้องสมุดแห่งชาติจัดกิจกรรมส่งเสริมการอ่านสำหรับเด็กและเยาวชนในช่วงปิดภาคเรียน",
    "ผู้ปกครองสามารถพาบุตรหลานมาร่วมฟังนิทานได้ทุกวันเสาร์เวลาสิบโมงเช้า",
    "ในวันหนังสือโลก ห้องสมุดประชาชนทั่วประเทศเปิดให้ยืมหนังสือฟรีโดยไม่ต้องสมัครสมาชิก",
    "บรรณารักษ์แนะนำหนังสือใหม่ประจำเดือน ได้แก่ วรรณกรรมเยาวชน สารคดีประวัติศาสตร์ และนวนิยายแปล",
    "โครงการอ่านสร้างชาติมุ่งส่งเสริมนิสัยรักการอ่านให้แก่ประชาชนทุกช่วงวัย",
    "ผู้เข้าร่วมการบรรยายจะได้รับเกียรติบัตรและหนังสือที่ระลึกจากห้องสมุด",
    "ห้องสมุดดิจิทัลให้บริการหนังสืออิเล็กทรอนิกส์มากกว่าหนึ่งหมื่นเล่ม ผู้ใช้สามารถอ่านผ่านโทรศัพท์มือถือได้ตลอดยี่สิบสี่ชั่วโมง",
    "นักเขียนรับเชิญจะมาพูดคุยเกี่ยวกับประสบการณ์การเขียนและแรงบันดาลใจในการสร้างสรรค์ผลงาน",
    "ชมรมรักการอ่านนัดพบกันเดือนละครั้งเพื่อแลกเปลี่ยนความคิดเห็นเกี่ยวกับหนังสือที่อ่าน",
    "ความร่วมมือระหว่างห้องสมุดในภูมิภาคอาเซียนช่วยให้ผู้อ่านเข้าถึงหนังสือภาษาต่างประเทศได้ง่ายขึ้น",
    "ห้องสมุดกว่างซีร่วมกับห้องสมุดแห่งชาติไทยจัดนิทรรศการหนังสือจีนและไทย",
    "เจ้าหน้าที่ห้องสมุดจัดอบรมการใช้ฐานข้อมูลออนไลน์ให้แก่นักศึกษาและครู",
    "กรุณาคืนหนังสือภายในสิบสี่วัน หากต้องการยืมต่อสามารถต่ออายุได้ทางเว็บไซต์",
    "มุมหนังสือเด็กตกแต่งด้วยสีสันสดใสและมีหมอนนุ่ม ๆ ให้เด็กนั่งอ่านอย่างสบาย",
    "การอ่านออกเสียงร่วมกันระหว่างพ่อแม่และลูกช่วยพัฒนาทักษะทางภาษาของเด็กเล็ก",
]

EXAMPLES = {
    "zh": [
        "八桂讲坛：阅读与人生",
        "广西图书馆举办世界读书日活动",
        "壮族三月三期间举办民族文化专题展览",
    ],
    "th": [
        "ห้องสมุดแห่งชาติจัดกิจกรรมส่งเสริมการอ่าน",
        "วันหนังสือโลกและสัปดาห์หนังสือแห่งชาติ",
        "ห้องสมุดกว่างซีร่วมกับห้องสมุดแห่งชาติไทยจัดนิทรรศการหนังสือ",
    ],
    "lo": [
        "ຫໍສະໝຸດແຫ່ງຊາດຈັດກິດຈະກຳສົ່ງເສີມການອ່ານ",
        "ເດັກນ້ອຍມັກອ່ານປຶ້ມນິທານຢູ່ຫໍສະໝຸດ",
        "ວັນປຶ້ມໂລກຈັດຂຶ້ນໃນເດືອນເມສາ",
    ],
    "km": [
        "បណ្ណាល័យជាតិរៀបចំកម្មវិធីលើកកម្ពស់ការអាន",
        "កុមារចូលចិត្តអានសៀវភៅរឿងនិទាននៅបណ្ណាល័យ",
        "ទិវាសៀវភៅពិភពលោកប្រារព្ធនៅខែមេសា",
    ],
    "my": [
        "အမျိုးသားစာကြည့်တိုက်တွင် စာဖတ်ခြင်းမြှင့်တင်ရေးအစီအစဉ်ကို ကျင်းပသည်။",
        "ကလေးများသည် စာကြည့်တိုက်တွင် ပုံပြင်စာအုပ်များကို ဖတ်ရှုကြသည်။",
        "ကမ္ဘာ့စာအုပ်နေ့ကို ဧပြီလတွင် ကျင်းပသည်။",
    ],
}

SCRIPT_NAMES = {"zh": "Chinese", "th": "Thai", "lo": "Lao", "km": "Khmer", "my": "Burmese"}

# name -> module to import, scripts it covers (for warm-up, throughput and examples).
LIBRARIES = {
    "PyICU": ("icu", ["zh", "th", "lo", "km", "my"]),
    "jieba": ("jieba", ["zh"]),
    "pythainlp": ("pythainlp.tokenize", ["th"]),
}
COVERS = {
    "PyICU": "all (dictionaries for zh, ja, th, lo, km, my)",
    "jieba": "Chinese",
    "pythainlp": "Thai",
}


def build_document(sentences, separator, paragraph_every=4):
    """Repeat the sentences, in paragraphs, until the text reaches TARGET_BYTES of UTF-8."""
    paragraphs = []
    size = 0
    i = 0
    while size < TARGET_BYTES:
        chunk = separator.join(sentences[(i + k) % len(sentences)] for k in range(paragraph_every))
        paragraphs.append(chunk)
        size += len(chunk.encode()) + 1
        i += paragraph_every
    return "\n".join(paragraphs)


def corpora():
    sea = [s for script in ("lo", "km", "my") for s in EXAMPLES[script]]
    docs = {
        "zh": build_document(ZH_SENTENCES, ""),
        "th": build_document(TH_SENTENCES, " "),
        "lo+km+my": build_document(sea, " ", paragraph_every=3),
    }
    for text in docs.values():
        # ICU's offsets are UTF-16 code units: slicing a str by them is right for BMP only.
        assert all(ord(c) < 0x10000 for c in text), "sample text must stay in the BMP"
    return docs


# --- worker: runs in a fresh subprocess, one library each -------------------------------


def make_segmenter(name, module, jieba_cache):
    if name == "PyICU":
        bi = module.BreakIterator.createWordInstance(module.Locale.getRoot())

        def segment(text):
            bi.setText(text)
            tokens = []
            start = 0
            for end in bi:  # boundaries in UTF-16 code units
                tokens.append(text[start:end])
                start = end
            return tokens

        return segment
    if name == "jieba":
        module.setLogLevel(60)
        if jieba_cache:
            module.dt.tmp_dir = jieba_cache
        return module.lcut
    if name == "pythainlp":
        word_tokenize = module.word_tokenize
        return lambda text: word_tokenize(text, engine="newmm")
    raise ValueError(name)


def throughput(segment, text, min_seconds):
    runs = 0
    start = time.perf_counter()
    while True:
        segment(text)
        runs += 1
        elapsed = time.perf_counter() - start
        if runs >= 3 and elapsed >= min_seconds:
            return len(text) * runs / elapsed


def worker(name, jieba_cache, min_seconds, warmup_only):
    module_name, scripts = LIBRARIES[name]
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        return {"available": False, "error": str(exc)}

    start = time.perf_counter()
    segment = make_segmenter(name, module, jieba_cache)
    for script in scripts:
        segment(EXAMPLES[script][0])
    warmup_s = time.perf_counter() - start
    result = {"available": True, "warmup_s": warmup_s}
    if warmup_only:
        return result

    docs = corpora()
    keys = ["zh", "th", "lo+km+my"] if name == "PyICU" else scripts
    result["chars_per_s"] = {k: throughput(segment, docs[k], min_seconds) for k in keys}
    result["tokens"] = {k: len(segment(docs[k])) for k in keys}
    result["chars"] = {k: len(docs[k]) for k in keys}
    result["examples"] = {
        script: [[t for t in segment(s) if not t.isspace()] for s in EXAMPLES[script]]
        for script in scripts
    }
    result["version"] = version_of(name, module)
    return result


def version_of(name, module):
    if name == "PyICU":
        return f"{module.VERSION} (ICU {module.ICU_VERSION})"
    if name == "jieba":
        return module.__version__
    import pythainlp

    return pythainlp.__version__


# --- parent ---------------------------------------------------------------------------------


def pythainlp_env():
    env = dict(os.environ)
    env.setdefault("PYTHAINLP_OFFLINE", "1")
    env.setdefault("PYTHAINLP_READ_ONLY", "1")
    return env


def import_time(module_name):
    """Seconds to import the module in a bare interpreter (nothing else imported)."""
    code = (
        "import time; t = time.perf_counter(); "
        f"import {module_name}; print(time.perf_counter() - t)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=pythainlp_env(),
        check=False,
    )
    return float(proc.stdout) if proc.returncode == 0 else None


def run_worker(name, args, jieba_cache=None, warmup_only=False):
    cmd = [sys.executable, __file__, "--worker", name, "--min-seconds", str(args.min_seconds)]
    if jieba_cache:
        cmd += ["--jieba-cache", jieba_cache]
    if warmup_only:
        cmd.append("--warmup-only")
    proc = subprocess.run(cmd, capture_output=True, text=True, env=pythainlp_env(), check=False)
    if proc.returncode != 0:
        return {"available": False, "error": proc.stderr.strip().splitlines()[-1:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure_all(args):
    results = {}
    for name in LIBRARIES:
        if name == "jieba":
            with tempfile.TemporaryDirectory(prefix="segbench-jieba-") as cache:
                result = run_worker(name, args, jieba_cache=cache)
                if result["available"]:
                    cached = run_worker(name, args, jieba_cache=cache, warmup_only=True)
                    result["warmup_cached_s"] = cached.get("warmup_s")
        else:
            result = run_worker(name, args)
        if result["available"]:
            result["import_s"] = import_time(LIBRARIES[name][0])
        results[name] = result
    return results


def fmt_rate(value):
    return f"{value:,.0f}" if value is not None else "–"


def print_report(results):
    docs = corpora()
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores; documents: "
        + ", ".join(f"{k} {len(v):,} chars / {len(v.encode()):,} bytes" for k, v in docs.items())
    )
    print()
    print(
        "| library | version | scripts covered | import s | warm-up s | zh chars/s | th chars/s |"
    )
    print("|---|---|---|---:|---:|---:|---:|")
    for name, r in results.items():
        if not r["available"]:
            print(f"| {name} | not installed | {COVERS[name]} | – | – | – | – |")
            continue
        rates = r["chars_per_s"]
        warmup = f"{r['warmup_s']:.3f}"
        if r.get("warmup_cached_s") is not None:
            warmup += f" ({r['warmup_cached_s']:.3f} cached)"
        print(
            f"| {name} | {r['version']} | {COVERS[name]} | {r['import_s']:.3f} | {warmup} "
            f"| {fmt_rate(rates.get('zh'))} | {fmt_rate(rates.get('th'))} |"
        )
    icu = results["PyICU"]
    if icu["available"]:
        print()
        print(
            f"PyICU on Lao, Khmer and Burmese sentences: {fmt_rate(icu['chars_per_s']['lo+km+my'])} chars/s"
        )
    print()
    print("Tokens per document (whitespace included):")
    for name, r in results.items():
        if r["available"]:
            print(f"  {name}: " + ", ".join(f"{k} {n:,}" for k, n in r["tokens"].items()))
    print()
    print("Segmentations (whitespace tokens dropped, tokens separated by ' | '):")
    for script, sentences in EXAMPLES.items():
        print(f"\n{SCRIPT_NAMES[script]}:")
        for i, sentence in enumerate(sentences):
            print(f"  {sentence}")
            for name, r in results.items():
                if r["available"] and script in r["examples"]:
                    print(f"    {name:<10} {' | '.join(r['examples'][script][i])}")


def use_project_python():
    """Re-run under the project's .venv when this Python has no PyICU."""
    if importlib.util.find_spec("icu") is None:
        python = ROOT / ".venv/bin/python"
        if python.exists() and Path(sys.executable) != python:
            os.execv(python, [str(python), *sys.argv])


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-seconds", type=float, default=1.0, help="per throughput figure")
    parser.add_argument("--json", type=Path, help="also write the raw results to this file")
    parser.add_argument("--worker", choices=list(LIBRARIES), help=argparse.SUPPRESS)
    parser.add_argument("--jieba-cache", help=argparse.SUPPRESS)
    parser.add_argument("--warmup-only", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def main():
    args = parse_args()
    if args.worker:
        result = worker(args.worker, args.jieba_cache, args.min_seconds, args.warmup_only)
        print(json.dumps(result, ensure_ascii=False))
        return
    use_project_python()
    results = measure_all(args)
    print_report(results)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
