"""Build the bundled Noto Sans SC subsets used in PDFs (GB 2312 characters, Latin, CJK punctuation).

Usage: uv run python tools/subset_cjk_font.py [/usr/share/fonts/opentype/noto]
Needs Debian's fonts-noto-cjk (Noto Sans CJK, SIL Open Font License 1.1); writes src/guomen/static/fonts/.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

SC_INDEX = 2  # Noto Sans CJK SC inside the .ttc collection
OUT = Path(__file__).resolve().parents[1] / "src" / "guomen" / "static" / "fonts"


def gb2312_characters() -> str:
    chars = []
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


def text_to_keep() -> str:
    ascii_latin = "".join(chr(c) for c in range(0x20, 0x250))
    punctuation = "".join(chr(c) for c in range(0x2000, 0x2070)) + "".join(
        chr(c) for c in range(0x3000, 0x3040)
    )
    symbols = "×÷±≤≥≠≈√∞°℃‰№™®©←→↑↓✓✔✗✘■□●○◆◇★☆…—–·•€¥￥"
    fullwidth = "".join(chr(c) for c in range(0xFF01, 0xFF5F))
    extra = "榴莲蕉柠檬茴芫荽啶菌唑磷氰菊酯螨蚧螟鳞鲑鳕蚝鲍"
    return ascii_latin + punctuation + symbols + fullwidth + gb2312_characters() + extra


def main(source_dir: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    text = text_to_keep()
    for weight in ("Regular", "Bold"):
        font = TTCollection(str(Path(source_dir) / f"NotoSansCJK-{weight}.ttc")).fonts[SC_INDEX]
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        target = OUT / f"NotoSansSC-{weight}.otf"
        font.save(str(target))
        print(target, target.stat().st_size // 1024, "KiB")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/opentype/noto")
