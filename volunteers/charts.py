"""Charts drawn on the server as SVG: they need no JavaScript, carry a <title> and a
<desc>, and the template shows the same figures as a table beside them."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

BAR = 18
GAP = 6
LABEL_WIDTH = 190
CHART_WIDTH = 640


LABEL_CHARACTERS = 14  # longer labels are cut (the table beside the chart has them whole)


def _short(label):
    label = str(label)
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def _scale(values, target=0):
    return max([*values, target, 1])


def bar_chart(chart_id, title, description, items, target=None, target_label=""):
    """Horizontal bars, one per (label, value), with an optional target line."""
    width = CHART_WIDTH - LABEL_WIDTH - 50
    top = max(_scale([value for _label, value in items], target or 0), 1)
    height = len(items) * (BAR + GAP) + 30
    bars = format_html_join(
        "",
        '<g><text x="{}" y="{}" text-anchor="end" class="chart__label">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" class="chart__bar{}"></rect>'
        '<text x="{}" y="{}" class="chart__value">{}</text></g>',
        (
            (
                LABEL_WIDTH - 8,
                index * (BAR + GAP) + BAR - 4,
                _short(label),
                LABEL_WIDTH,
                index * (BAR + GAP),
                round(width * value / top, 1),
                BAR,
                " chart__bar--met" if target and value >= target else "",
                LABEL_WIDTH + round(width * value / top, 1) + 4,
                index * (BAR + GAP) + BAR - 4,
                value,
            )
            for index, (label, value) in enumerate(items)
        ),
    )
    target_line = ""
    if target:
        x = LABEL_WIDTH + round(width * target / top, 1)
        target_line = format_html(
            '<line x1="{}" x2="{}" y1="0" y2="{}" class="chart__target"></line>'
            '<text x="{}" y="{}" text-anchor="middle" class="chart__target-label">{}</text>',
            x,
            x,
            height - 24,
            x,
            height - 8,
            target_label,
        )
    return _svg(chart_id, title, description, CHART_WIDTH, height, bars + target_line)


def column_chart(chart_id, title, description, items):
    """Vertical columns, one per (label, value): a trend over months."""
    plot_height = 160
    column = 36
    top = _scale([value for _label, value in items])
    width = len(items) * (column + 10) + 20
    columns = format_html_join(
        "",
        '<g><rect x="{}" y="{}" width="{}" height="{}" class="chart__bar"></rect>'
        '<text x="{}" y="{}" text-anchor="middle" class="chart__value">{}</text>'
        '<text x="{}" y="{}" text-anchor="middle" class="chart__label">{}</text></g>',
        (
            (
                10 + index * (column + 10),
                20 + plot_height - round(plot_height * value / top, 1),
                column,
                round(plot_height * value / top, 1),
                10 + index * (column + 10) + column / 2,
                16 + plot_height - round(plot_height * value / top, 1),
                value,
                10 + index * (column + 10) + column / 2,
                plot_height + 38,
                label,
            )
            for index, (label, value) in enumerate(items)
        ),
    )
    return _svg(chart_id, title, description, width, plot_height + 48, columns)


def _svg(chart_id, title, description, width, height, content):
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        'viewBox="0 0 {} {}" width="100%" aria-labelledby="{}-title {}-desc">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        width,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        mark_safe(content),
    )
