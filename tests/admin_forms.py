"""Fill and submit the admin's own forms as a browser would, from the HTML it serves.

A test GETs an add or edit view, reads the form's fields and their initial values from
the HTML (what a browser would submit without the person touching them), overrides the
fields a person would type, and POSTs the lot. So a required field, an inline panel or a
panel that the form renders differently from what a test assumed shows up as a failure,
not as a hand-built POST that the real form never sends.
"""

import re

import bs4
from django.http import QueryDict


def _top_level_stream_fields(form):
    """StreamFields have no inputs until Wagtail's JavaScript draws them; a browser then
    sends `<name>-count` and the blocks. An untouched one sends a count of 0."""
    for element in form.find_all(attrs={"data-controller": "w-block"}):
        name = element.get("id", "")
        value = element.get("data-w-block-data-value", "")
        if name and "-" not in name and "StreamBlock" in value[:80]:
            yield name


def form_data(html, form_id="page-edit-form"):
    """The QueryDict a browser would submit from the form `form_id` of `html`."""
    soup = bs4.BeautifulSoup(html, "html.parser")
    if form_id:
        form = soup.find("form", attrs={"id": form_id})
    else:  # the page's first POST form (the admin's search forms are GET)
        form = soup.find("form", attrs={"method": re.compile("^post$", re.I)})
    if form is None:
        raise AssertionError(f"no form #{form_id} in the page")
    for template in form.find_all("template"):  # inline panels' empty-form templates
        template.decompose()
    data = QueryDict(mutable=True)
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or name == "csrfmiddlewaretoken" or field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            data.appendlist(name, field.get_text().removeprefix("\n"))
        elif field.name == "select":
            options = field.find_all("option")
            chosen = [o for o in options if o.has_attr("selected")]
            if not chosen and options and not field.has_attr("multiple"):
                chosen = options[:1]
            for option in chosen:
                data.appendlist(name, option.get("value", option.get_text()))
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.appendlist(name, field.get("value", "on"))
        elif field.get("type") not in ("submit", "button", "file", "image", "reset"):
            data.appendlist(name, field.get("value", ""))
    for name in _top_level_stream_fields(form):
        data.setdefault(f"{name}-count", "0")
    return data


def fill(data, **values):
    """Set fields as a person types them: a list sets a multiple choice."""
    for name, value in values.items():
        name = name.replace("__", "-")
        if isinstance(value, list | tuple):
            data.setlist(name, [str(v) for v in value])
        elif value is None:
            data.pop(name, None)
        else:
            data[name] = str(value)
    return data


def form_errors(response):
    """The admin form's errors, for an assertion message."""
    context = getattr(response, "context", None)
    if not context or "form" not in context:
        return ""
    form = context["form"]
    errors = dict(form.errors)
    for name, formset in getattr(form, "formsets", {}).items():
        if formset.errors or formset.non_form_errors():
            errors[name] = [formset.errors, formset.non_form_errors()]
    return errors
