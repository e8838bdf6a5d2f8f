import json
import re

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from guomen.documents.choices import DocumentKind
from guomen.documents.search import document_search

_MARK = re.compile(r"</?mark>")


def plain(html_text: str) -> str:
    """A highlighted snippet for a terminal: the query words in 【】, entities undone."""
    import html

    text = str(html_text).replace("<mark>", "【").replace("</mark>", "】")
    return html.unescape(_MARK.sub("", text))


class Command(BaseCommand):
    help = "Search the documents as a user would: the ranked results with number, title, score and snippet."

    def add_arguments(self, parser):
        parser.add_argument("query")
        parser.add_argument("--json", action="store_true", help="print the results as JSON")
        parser.add_argument("--kind", default="", choices=["", *DocumentKind.values])
        parser.add_argument("--in-force", action="store_true", help="only documents in force")
        parser.add_argument("--limit", type=int, default=10)

    def handle(self, *args, **options):
        result = document_search(
            q=options["query"],
            kind=options["kind"],
            in_force=options["in_force"],
            per_page=max(1, min(options["limit"], 100)),
        )
        rows = [
            {
                "rank": n,
                "id": hit.document.pk,
                "number": hit.document.number,
                "title": hit.document.title,
                "status": hit.document.status,
                "score": None if hit.score == float("inf") else round(hit.score, 4),
                "exact_number": hit.exact,
                "snippet": plain(hit.snippet_html),
            }
            for n, hit in enumerate(result.hits, start=1)
        ]
        if options["json"]:
            payload = {
                "query": result.query,
                "total": result.total,
                "loosened": result.loosened,
                "results": rows,
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1))
            return
        self.stdout.write(
            _("%(total)d documents found for “%(query)s”") % {"total": result.total, "query": result.query}
        )
        if result.loosened:
            self.stdout.write(_("No document has every word; showing documents with some of them."))
        for row in rows:
            score = _("number") if row["score"] is None else f"{row['score']:.3f}"
            head = " ".join(p for p in (row["number"], row["title"]) if p)
            self.stdout.write(f"{row['rank']:>2}. {head}  [{score}]")
            self.stdout.write(f"    {row['snippet']}")
