"""Section texts become HTML: the plain text written before (blank lines between paragraphs,
'- ' for a list item, '## ' for a subheading) is stored as the same paragraphs, lists and
subheadings in HTML, escaped, so that every letter reads as before."""

import html

from django.db import migrations, models

LIST_MARKERS = ("- ", "• ", "* ")


def plain_to_html(text: str) -> str:
    """The rules of the plain text as they were, frozen here (the application's own converter
    may grow); a text that already starts with a tag is left alone."""
    if not text.strip() or text.lstrip().startswith("<"):
        return text
    blocks, paragraph, items = [], [], []

    def flush():
        if paragraph:
            blocks.append(
                "<p>" + "<br>".join(html.escape(line, quote=False) for line in paragraph) + "</p>"
            )
            paragraph.clear()
        if items:
            blocks.append(
                "<ul>"
                + "".join(f"<li>{html.escape(item, quote=False)}</li>" for item in items)
                + "</ul>"
            )
            items.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith(LIST_MARKERS) or line in ("-", "•"):
            if paragraph:
                flush()
            if line[2:].strip():
                items.append(line[2:].strip())
        elif line.startswith("## "):
            flush()
            blocks.append(f"<h3>{html.escape(line[3:].strip(), quote=False)}</h3>")
        elif items and raw.startswith(("  ", "\t")):
            items[-1] = f"{items[-1]} {line}"
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return "".join(blocks)


def texts_to_html(apps, schema_editor):
    LetterSection = apps.get_model("governance", "LetterSection")
    for section in LetterSection._base_manager.exclude(text="").iterator():
        converted = plain_to_html(section.text)
        if converted != section.text:
            LetterSection._base_manager.filter(pk=section.pk).update(text=converted)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0011_functional_admin_permissions_letter_profile"),
    ]

    operations = [
        migrations.RunPython(texts_to_html, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="historicallettersection",
            name="text",
            field=models.TextField(
                blank=True,
                help_text="Opgemaakte tekst (alinea's, vet, cursief, opsommingen, links, tabellen), bewaard als opgeschoonde HTML. Zonder de editor: alinea's scheiden door een witregel, '- ' of '1. ' voor een opsomming, '## ' voor een tussenkop, **vet**, *cursief*, [tekst](https://…), '| a | b |' voor een tabelrij en [[blok 1]] op een eigen regel voor het eerste gegevensblok.",
                verbose_name="tekst",
            ),
        ),
        migrations.AlterField(
            model_name="lettersection",
            name="text",
            field=models.TextField(
                blank=True,
                help_text="Opgemaakte tekst (alinea's, vet, cursief, opsommingen, links, tabellen), bewaard als opgeschoonde HTML. Zonder de editor: alinea's scheiden door een witregel, '- ' of '1. ' voor een opsomming, '## ' voor een tussenkop, **vet**, *cursief*, [tekst](https://…), '| a | b |' voor een tabelrij en [[blok 1]] op een eigen regel voor het eerste gegevensblok.",
                verbose_name="tekst",
            ),
        ),
    ]
