"""Message extraction without GNU gettext, for the catalogue tests: gettext calls in
Python (by tokens) and in templates (through Django's own templatize, which makemessages
uses), and the words of public templates that no translation tag covers."""

import ast
import io
import re
import tokenize

from django.template.base import Lexer, TokenType
from django.utils.translation.template import templatize

FUNCS = {
    "gettext": "s",
    "gettext_lazy": "s",
    "_": "s",
    "gettext_noop": "s",
    "ngettext": "p",
    "ngettext_lazy": "p",
    "pgettext": "cs",
    "pgettext_lazy": "cs",
    "npgettext": "cp",
    "npgettext_lazy": "cp",
}
SKIP = {tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT}


def calls(source):
    """(context, msgid) of the gettext calls in Python-like source."""
    tokens = [
        t for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type not in SKIP
    ]
    for i, tok in enumerate(tokens[:-1]):
        if tok.type != tokenize.NAME or tok.string not in FUNCS or tokens[i + 1].string != "(":
            continue
        if i and tokens[i - 1].string == "def":
            continue
        args, j = [], i + 2
        while j < len(tokens) and tokens[j].type == tokenize.STRING:
            text = ""
            while j < len(tokens) and tokens[j].type == tokenize.STRING:
                text += ast.literal_eval(tokens[j].string)
                j += 1
            args.append(text)
            if j < len(tokens) and tokens[j].string == ",":
                j += 1
            else:
                break
        kind = FUNCS[tok.string]
        if kind in ("s", "p") and args:
            yield (None, args[0])
        elif kind in ("cs", "cp") and len(args) >= 2:
            yield (args[0], args[1])


def messages(root):
    """Every (context, msgid) the project's code and templates ask to translate, as
    makemessages would extract them."""
    found = set()
    for path in root.rglob("*"):
        parts = set(path.relative_to(root).parts)
        if parts & {".venv", "tests", "migrations", "bench", "node_modules"} or not path.is_file():
            continue
        if path.suffix == ".py":
            found |= set(calls(path.read_text()))
        elif path.suffix in (".html", ".txt") and "templates" in parts:
            source = templatize(path.read_text(), origin=str(path))
            found |= set(calls("\n".join(line.lstrip() for line in source.splitlines())))
    return found


TAG = re.compile(r"<[^>]*>", re.S)
ENTITY = re.compile(r"&[#\w]+;")
LETTER = re.compile(r"[^\W\d_]", re.U)

VISIBLE_ATTRIBUTE = re.compile(r'\b(?:aria-label|alt|title|placeholder)="([^"]*)"')
HIDDEN = re.compile(r"<(style|script)\b.*?</\1>|<!--.*?-->", re.S)


def literals(path):
    """Words a visitor would read untranslated: letters in a template's text or in its
    visible attributes (aria-label, alt, title, placeholder) outside translation tags
    and template variables."""
    parts, depth, in_body_class = [], 0, False
    for token in Lexer(path.read_text()).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if name in ("blocktranslate", "blocktrans", "comment") or (
                token.contents == "block body_class"
            ):
                depth += 1
            elif name in ("endblocktranslate", "endblocktrans", "endcomment") or (
                depth and name == "endblock" and in_body_class
            ):
                depth -= 1
            in_body_class = token.contents == "block body_class"
            parts.append(" § ")
        elif token.token_type == TokenType.TEXT and not depth:
            parts.append(token.contents)
        else:
            parts.append(" § ")
    html = HIDDEN.sub(" ", "".join(parts))
    words = []
    for value in VISIBLE_ATTRIBUTE.findall(html):
        words += value.split()
    words += ENTITY.sub(" ", TAG.sub(" ", html)).split()
    return [word for word in words if LETTER.search(word)]
