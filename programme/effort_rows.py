"""An effort's row in the project page's table, written in Python.

The row was a template: a status, the time target with how it was read, the deliveries of a
recurring effort with the form to record one, and the adviser's buttons. A project with 150
efforts spent three quarters of its time rendering it, most of that resolving variables and
looking up the same translations on every row. `EffortRowRenderer` looks up the labels once per
table and writes the same markup, escaped the same way, with `format_html`; the template tag
`{% effort_rows rows %}` (and `{% effort_row row %}` for the row an htmx edit returns) uses it.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from core.formatting import format_date

from .selectors import EffortRow


def csrf_input(csrf_token) -> SafeString:
    """What `{% csrf_token %}` writes: the hidden field, or nothing without a token."""
    if not csrf_token or csrf_token == "NOTPROVIDED":
        return mark_safe("")
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', csrf_token)


def move_buttons(action: str, edit_version, label, csrf: SafeString) -> SafeString:
    """The up and down buttons of a row in the plan (as programme/_move_buttons.html)."""
    return format_html(
        '<form method="post" action="{}" class="move-buttons">{}'
        '<input type="hidden" name="edit_version" value="{}">\n'
        '  <button type="submit" name="direction" value="op" class="utrecht-button button '
        'button--small">{}<span class="visually-hidden"> {}</span></button>\n'
        '  <button type="submit" name="direction" value="neer" class="utrecht-button button '
        'button--small">{}<span class="visually-hidden"> {}</span></button>\n</form>',
        action,
        csrf,
        edit_version,
        gettext("Omhoog"),
        label,
        gettext("Omlaag"),
        label,
    )


class EffortRowRenderer:
    """Writes effort rows for one table: the user's permissions, the CSRF field and the labels
    are the same for every row, so they are looked up once. Values are escaped with `escape`
    (Django's own escaping) as they go into the markup."""

    def __init__(self, permissions, csrf_token) -> None:
        self.edit = bool(getattr(permissions, "edit", False))
        self.edit_plan = bool(getattr(permissions, "edit_plan", False))
        self.csrf = csrf_input(csrf_token)
        self.today = timezone.localdate().isoformat()
        self.labels = {
            key: escape(label)
            for key, label in {
                "unparsed_title": gettext("Dit tijdsdoel is niet als periode herkend."),
                "unparsed": gettext("niet herkend"),
                "due": gettext("dit kwartaal"),
                "ended": gettext("geen volgende levering: het project is dan afgelopen"),
                "delivered_on": gettext("Geleverd op"),
                "remark": gettext("Opmerking"),
                "record": gettext("Levering vastleggen"),
                "unknown": gettext("onbekend"),
                "edit": gettext("Wijzigen"),
                "plan": gettext("Plan"),
                "plan_edit": gettext("Tekst en tijdsdoel"),
                "remove": gettext("Verwijderen"),
                "up": gettext("Omhoog"),
                "down": gettext("Omlaag"),
            }.items()
        }
        self.row_label = gettext("inspanning %(order)s")

    def render_all(self, rows) -> SafeString:
        return mark_safe("\n".join([self._row(row) for row in rows]))

    def render(self, row: EffortRow) -> SafeString:
        return mark_safe(self._row(row))

    def _row(self, row: EffortRow) -> str:
        effort = row.effort
        actions = self._actions(row) if self.edit else ""
        return (
            f'<tr id="inspanning-{effort.pk}">\n'
            f'  <td><span class="status status--{escape(effort.status)}">'
            f"{escape(effort.get_status_display())}</span></td>\n"
            f"  <td>{escape(effort.text)}</td>\n"
            f"  <td>{self._target(row)}</td>\n"
            f'  <td class="prewrap">{escape(effort.remark or "")}</td>\n'
            f'  <td class="small">{self._last_changed(effort)}</td>\n'
            f"  {actions}\n</tr>"
        )

    def _target(self, row: EffortRow) -> str:
        effort = row.effort
        parts = [escape(effort.time_target or "–")]
        if effort.target_start and effort.target_end:
            if effort.target_start == effort.target_end:
                read_as = gettext("gelezen als %(day)s") % {"day": format_date(effort.target_start)}
            else:
                read_as = gettext("gelezen als %(start)s – %(end)s") % {
                    "start": format_date(effort.target_start),
                    "end": format_date(effort.target_end),
                }
            parts.append(f' <span class="small period">({escape(read_as)})</span>')
        if effort.time_target_unparsed and not effort.recurrence:
            title, flag = self.labels["unparsed_title"], self.labels["unparsed"]
            parts.append(f' <span class="flag" title="{title}">{flag}</span>')
        if row.overdue:
            overdue = gettext("verlopen: tijdsdoel liep af op %(date)s") % {
                "date": format_date(effort.target_end)
            }
            parts.append(f'\n    <br><span class="overdue">{escape(overdue)}</span>')
        elif row.due_this_quarter:
            parts.append(f'\n    <br><span class="due">{self.labels["due"]}</span>')
        if effort.recurrence:
            parts.append(self._recurrence(row))
        return "".join(parts)

    def _recurrence(self, row: EffortRow) -> str:
        effort = row.effort
        schedule = escape(effort.get_recurrence_display())
        if row.next_due:
            if row.delivery_late:
                message = gettext("levering te laat sinds %(date)s")
            else:
                message = gettext("volgende levering uiterlijk %(date)s")
            schedule += "; " + escape(message % {"date": format_date(row.next_due)})
        elif row.schedule_ended:
            schedule += "; " + self.labels["ended"]
        count = len(row.deliveries)
        summary = ngettext(
            "%(counter)s levering vastgelegd", "%(counter)s leveringen vastgelegd", count
        ) % {"counter": count}
        deliveries = ""
        if row.deliveries:
            items = "".join(
                f"<li>{escape(format_date(delivery.delivered_on))}"
                f"{' – ' + escape(delivery.remark) if delivery.remark else ''}</li>"
                for delivery in row.deliveries
            )
            deliveries = f'<ul class="small">{items}</ul>'
        form = self._delivery_form(row) if self.edit else ""
        return (
            f'\n    <br><span class="{"overdue" if row.delivery_late else "due"}">{schedule}</span>'
            f'\n    <details class="deliveries"><summary>{escape(summary)}</summary>\n'
            f"      {deliveries}\n      {form}\n    </details>"
        )

    def _delivery_form(self, row: EffortRow) -> str:
        pk, labels = row.effort.pk, self.labels
        return (
            f'<form method="post" action="{escape(row.urls["delivery_create"])}">{self.csrf}\n'
            f'        <div class="field"><label for="delivered-on-{pk}">{labels["delivered_on"]}'
            f'</label><input type="date" name="delivered_on" id="delivered-on-{pk}" '
            f'value="{self.today}" required></div>\n'
            f'        <div class="field"><label for="delivery-remark-{pk}">{labels["remark"]}'
            f'</label><textarea name="remark" id="delivery-remark-{pk}" rows="2" '
            'maxlength="2000"></textarea></div>\n'
            '        <button type="submit" class="utrecht-button button button--small">'
            f"{labels['record']}</button>\n      </form>"
        )

    def _last_changed(self, effort) -> str:
        when = getattr(effort, "last_changed_at", None)
        if not when:
            return "–"
        who = escape(effort.last_changed_by) if effort.last_changed_by else self.labels["unknown"]
        return f"{who}<br>{escape(date_format(timezone.localtime(when), 'j F Y H:i'))}"

    def _actions(self, row: EffortRow) -> str:
        label = escape(self.row_label % {"order": row.effort.order})
        labels, urls = self.labels, row.urls
        edit = escape(urls["edit"])
        plan = ""
        if self.edit_plan:
            plan_edit = escape(urls["plan_edit"])
            buttons = move_buttons(urls["move"], row.effort.edit_version, label, self.csrf)
            plan = (
                f'\n    <details class="plan-actions"><summary>{labels["plan"]}'
                f'<span class="visually-hidden"> {label}</span></summary>\n'
                f'      <p><a href="{plan_edit}" data-hx-get="{plan_edit}" '
                'data-hx-target="closest tr" data-hx-swap="outerHTML">'
                f"{labels['plan_edit']}</a></p>\n      {buttons}\n"
                f'      <p><a href="{escape(urls["remove"])}">{labels["remove"]}</a></p>\n'
                "    </details>"
            )
        return (
            f'<td><a class="utrecht-button button button--small" href="{edit}" '
            f'data-hx-get="{edit}" data-hx-target="closest tr" data-hx-swap="outerHTML">'
            f'{labels["edit"]}<span class="visually-hidden"> {label}</span></a>{plan}</td>'
        )
