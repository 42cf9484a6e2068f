"""What finance lends to the dashboard and the council letter (core.registry).

- Dashboard panel 'finance-year': per year the budget next to the realisation, with balances.
- Letter block 'allocation': an amount apportioned over a key, as a snapshot table in which the
  letter's own municipality is highlighted.
- Letter block 'savings': the addressed municipality's savings measures (ombuigingen), one column
  per year and the structural effect, with their totals (the table of 004).
"""

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext as _

from core.charts import DEFAULT_COLOUR, Series, grouped_bars, horizontal_bars
from core.formatting import format_amount, format_euro, format_percentage
from core.parsing import ParseError, parse_amount
from core.registry import DashboardPanel, LetterBlockType
from governance.models import Body, Municipality

from .apportionment import ApportionmentError, apportion
from .forms import AllocationBlockForm, SavingsBlockForm
from .models import Allocation, Budget, BudgetLine, DistributionKey
from .selectors import latest_allocation, money_by_year, savings_overview

# --- Dashboard panel ------------------------------------------------------------------------


def _filter_value(filters, name):
    if filters is None:
        return None
    if isinstance(filters, dict):
        return filters.get(name)
    return getattr(filters, name, None)


def money_of_year_context(region, request, filters=None) -> dict:
    """The panel's context: one row per year (and owner), budget beside realisation.

    Takes a `year` from the dashboard's filters when they have one; everything else in them
    (themes, projects) does not apply to money.
    """
    year = _filter_value(filters, "year")
    money_years = money_by_year(year=year if isinstance(year, int) else None)
    allocation = latest_allocation()
    return {
        "money_years": money_years,
        "money_chart": _money_chart(money_years),
        "allocation": allocation,
        "allocation_chart": _allocation_chart(allocation) if allocation else None,
        "finance_url": reverse("finance:index"),
    }


def _money_chart(money_years) -> str:
    def cost(budget):
        return budget.cost_total if budget else None

    return grouped_bars(
        title=gettext("Lasten per jaar: begroot en gerealiseerd"),
        groups=[
            (str(item.year), {"budget": cost(item.budget), "realisation": cost(item.realisation)})
            for item in money_years
        ],
        series=[
            Series("budget", gettext("Begroot"), "#8fa9c9"),
            Series("realisation", gettext("Gerealiseerd"), DEFAULT_COLOUR),
        ],
    )


def _allocation_chart(allocation) -> str:
    return horizontal_bars(
        title=gettext("Verdeling per gemeente: %(label)s") % {"label": allocation.label},
        rows=[(share.municipality.name, share.amount) for share in allocation.shares.all()],
    )


def money_of_year_data() -> tuple:
    """What the panel shows: the budgets with their lines and owners, and the latest allocation
    (its shares are written with it, once) over the municipalities."""
    return (
        Budget.objects.all(),
        BudgetLine.objects.all(),
        Body.objects.all(),
        Allocation.objects.all(),
        Municipality.objects.all(),
    )


MONEY_OF_YEAR_PANEL = DashboardPanel(
    key="finance-year",
    label=gettext_lazy("Geld per jaar: begroting en realisatie"),
    template="finance/panels/money_of_year.html",
    context=money_of_year_context,
    order=200,
    data=money_of_year_data,
)


# --- Letter block ---------------------------------------------------------------------------


def _key_from(value) -> DistributionKey:
    if isinstance(value, DistributionKey):
        return value
    keys = DistributionKey.objects.all()
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return keys.get(pk=int(value))
    return keys.get(slug=value)


def _amount_from(value) -> Decimal:
    if isinstance(value, Decimal | int):
        return Decimal(value)
    return parse_amount(str(value))


def build_allocation_block(region, params, municipality=None) -> dict:
    """A JSON-serialisable snapshot: `params` holds a key (instance, pk or slug) and an amount.

    Rows are [municipality, percentage, amount] in Dutch notation; `highlight` is the index of
    the letter's own municipality (None when it has no share), `values` keeps the numbers as
    plain strings ('70426.92') for the CSV attachment, `footer` the total and `note` the key's
    source (and a warning when its shares do not sum to 100%). Bad input raises ValueError with
    a Dutch message, as governance.letters.blocks expects.
    """
    key = _key_from(params["key"])
    try:
        amount = _amount_from(params["amount"])
        shares = list(key.shares.select_related("municipality").order_by("municipality__name"))
        result = apportion(amount, {share.municipality: share.percentage for share in shares})
    except (ParseError, ApportionmentError) as error:
        raise ValueError(error.message) from None
    highlight = None
    rows, values = [], []
    for index, share in enumerate(result.shares):
        if municipality is not None and share.key.pk == municipality.pk:
            highlight = index
        rows.append(
            [
                share.key.name,
                format_percentage(share.percentage),
                format_euro(share.amount, cents=True),
            ]
        )
        values.append([share.key.name, f"{share.percentage:.2f}", f"{share.amount:.2f}"])
    notes = [
        _("Verdeelsleutel %(key)s (bron: %(source)s).") % {"key": key.name, "source": key.source}
    ]
    if not result.is_complete:
        notes.append(
            _(
                "De aandelen van deze verdeelsleutel tellen op tot %(total)s; de bedragen zijn "
                "naar rato verdeeld, zodat ze samen precies het totaal vormen."
            )
            % {"total": format_percentage(result.key_sum)}
        )
    return {
        "title": _("Verdeling van %(amount)s over de gemeenten (verdeelsleutel %(key)s)")
        % {"amount": format_euro(result.amount), "key": key.name},
        "columns": [_("Gemeente"), _("Aandeel"), _("Bedrag")],
        "numeric_columns": [1, 2],
        "rows": rows,
        "footer": [
            _("Totaal"),
            format_percentage(result.key_sum),
            format_euro(result.amount, cents=True),
        ],
        "highlight": highlight,
        "values": values,
        "key": {
            "name": key.name,
            "slug": key.slug,
            "source": key.source,
            "sum": f"{result.key_sum:.2f}",
            "complete": result.is_complete,
        },
        "amount": f"{result.amount:.2f}",
        "note": " ".join(notes),
    }


ALLOCATION_BLOCK = LetterBlockType(
    key="allocation",
    label=gettext_lazy("Verdeling van een bedrag over de gemeenten"),
    form_class=AllocationBlockForm,
    build=build_allocation_block,
    template="finance/blocks/allocation.html",
)


def build_savings_block(region, params, municipality=None) -> dict:
    """The addressed municipality's savings measures as a table: a row per measure with its net
    effect per year and structurally, a footer with the totals; `values` keeps the numbers as
    plain strings for the CSV attachment. Amounts print as the letters do (1.387.000)."""
    if municipality is None:
        raise ValueError(_("Dit blok toont de ombuigingen van de gemeente waaraan de brief gaat."))
    overview = savings_overview(municipality)
    if not overview:  # a regional letter goes to councils with and without measures
        return {
            "title": params["title"],
            "columns": [params["title"], params["structural_label"]],
            "numeric_columns": [1],
            "rows": [],
            "note": _("Er zijn geen ombuigingen vastgelegd voor %(name)s.")
            % {"name": municipality.name},
        }
    savings = overview[0]
    has_structural = any(row.structural is not None for row in savings.rows)
    columns = [params["title"], *(str(year) for year in savings.years)]
    if has_structural:
        columns.append(params["structural_label"])

    def amount(value):
        return format_amount(value) if value is not None else "–"

    def plain(value):
        return f"{value:.2f}" if value is not None else ""

    rows, values = [], []
    for row in savings.rows:
        cells = list(row.cells) + ([row.structural] if has_structural else [])
        rows.append([row.name, *(amount(value) for value in cells)])
        values.append([row.name, *(plain(value) for value in cells)])
    totals = list(savings.year_totals) + ([savings.structural_total] if has_structural else [])
    sources = sorted({row.source for row in savings.rows if row.source})
    return {
        "title": params["title"],
        "columns": columns,
        "numeric_columns": list(range(1, len(columns))),
        "rows": rows,
        "values": values,
        "footer": [_("Totaal"), *(amount(value) for value in totals)],
        "note": _("Bron: %(sources)s.") % {"sources": "; ".join(sources)} if sources else "",
    }


SAVINGS_BLOCK = LetterBlockType(
    key="savings",
    label=gettext_lazy("Ombuigingen van de gemeente"),
    form_class=SavingsBlockForm,
    build=build_savings_block,
    template="finance/blocks/savings.html",
)
