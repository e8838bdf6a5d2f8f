"""Writes a RASFF export in the 2019 yearly layout (semicolon-separated, unnamed index column, REF, DATE_CASE,
SUBJET, PROD_CAT, COUNT_ORIGEN, …) with N rows, a fixed seed, old country names (Turkey, Czech Republic,
Macedonia, Swaziland) and the 2019 classification vocabulary.

uv run python bench/rasff_2019_layout.py OUT.csv [--rows 2789]
"""

import argparse
import csv
import datetime as dt
import random
from pathlib import Path

HEADER = [
    "", "NUMBER", "CLASSIF", "DATE_CASE", "REF", "NOT_COUNTRY", "SUBJET", "PROD_CAT", "TYPE", "RISK_DECISION",
    "ACTION_TAKEN", "DISTRIBUTION_STAT", "PRODUCT", "HAZARDS", "HAZARDS_CAT", "COUNT_ORIGEN", "COUNT_DESTIN",
    "COUNT_CONCERN",
]  # fmt: skip
CLASSES = ["alert", "border rejection", "information for attention", "information for follow-up"]
DECISIONS = ["serious", "not serious", "undecided"]
ORIGINS = [
    "Turkey",
    "China",
    "India",
    "Czech Republic",
    "Macedonia",
    "Swaziland",
    "Viet Nam",
    "Iran",
    "Brazil",
    "Thailand",
    "Côte d'Ivoire",
    "Republic of North Macedonia",
    "unknown origin",
    "Russia",
    "Spain",
]
PRODUCTS = [
    ("nuts, nut products and seeds", "dried figs", "aflatoxins", "mycotoxins"),
    ("fruits and vegetables", "mandarins", "chlorpyrifos", "pesticide residues"),
    ("poultry meat and poultry meat products", "chilled chicken", "Salmonella Enteritidis",
     "pathogenic micro-organisms"),
    ("dietetic foods, food supplements, fortified foods", "food supplement", "sildenafil", "composition"),
    ("herbs and spices", "black pepper", "Salmonella spp.", "pathogenic micro-organisms"),
    ("fish and fish products", "swordfish", "mercury", "metals"),
    ("food contact materials", "bamboo cups", "formaldehyde migration", "migration"),
    ("feed materials", "sunflower meal", "Salmonella", "pathogenic micro-organisms"),
]  # fmt: skip
ACTIONS = ["destruction", "re-dispatch", "withdrawal from the market", "import not authorised", " "]


def write(path: Path, rows: int, seed: int = 2019) -> Path:
    rng = random.Random(seed)
    start = dt.date(2019, 1, 2)
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, delimiter=";")
        out.writerow(HEADER)
        for i in range(rows):
            category, product, hazard, hazard_cat = rng.choice(PRODUCTS)
            origin = rng.choice(ORIGINS)
            day = start + dt.timedelta(days=i * 254 // max(rows, 1))
            out.writerow(
                [
                    i,
                    float(2 * i + 1),
                    rng.choice(CLASSES),
                    day.isoformat(),
                    f"2019.{i + 1:04d}",
                    rng.choice(["France", "Germany", "Italy", "Bulgaria", "Greece"]),
                    f"{hazard} in {product} from {origin}",
                    category,
                    "food",
                    rng.choice(DECISIONS),
                    rng.choice(ACTIONS),
                    "product not (yet) placed on the market",
                    product,
                    hazard,
                    hazard_cat,
                    origin,
                    "France",
                    " ",
                ]
            )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=2789)
    options = parser.parse_args()
    print(write(options.out, options.rows))


if __name__ == "__main__":
    main()
